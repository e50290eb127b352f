import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  masterKeyFromBytes,
  masterKeyRing,
  openSecret,
  sealSecret,
  type MasterKey,
} from '../../common/crypto/index.js';

/** A key for one use of the portal, derived from SESSION_SECRET so that no two uses share one. */
export function portalKey(sessionSecret: string, use: string): Buffer {
  if (!sessionSecret) throw new TypeError('portalKey needs the SESSION_SECRET');
  return Buffer.from(hkdfSync('sha256', sessionSecret, '', `reconoce portal ${use} v1`, 32));
}

const NONCE = /^[A-Za-z0-9_-]{43}$/;

/**
 * CSRF tokens for the portal's forms, double-submit and signed: a random nonce lives in an
 * HttpOnly cookie, and each form carries HMAC(nonce | session id) in a hidden field. Another
 * site can neither read the nonce nor compute the HMAC, and a token stops working when the
 * session it was made for ends.
 */
export class CsrfTokens {
  constructor(private readonly key: Buffer) {}

  newNonce(): string {
    return randomBytes(32).toString('base64url');
  }

  isNonce(value: unknown): value is string {
    return typeof value === 'string' && NONCE.test(value);
  }

  token(nonce: string, sessionId = ''): string {
    return createHmac('sha256', this.key).update(`${nonce}|${sessionId}`).digest('base64url');
  }

  verify(nonce: string | undefined, sessionId: string | undefined, presented: unknown): boolean {
    if (!this.isNonce(nonce) || typeof presented !== 'string') return false;
    const expected = Buffer.from(this.token(nonce, sessionId));
    const given = Buffer.from(presented);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

export interface SharedLink {
  shareId: string;
  url: string;
}

interface SealedLink {
  url: string;
  /** Epoch milliseconds after which it is not shown. */
  exp: number;
}

const sharedLinkAad = (holderId: string, shareId: string) => `shared-link:${holderId}:${shareId}`;

/**
 * A new share's link, kept for a few minutes in an encrypted cookie (the common sealed envelope,
 * bound to the holder and the share) so that the page after the redirect can show its QR code:
 * the service keeps only the token's hash, so the link can be shown only while this cookie lives,
 * and only to the holder who made it.
 */
export class SharedLinkSeal {
  private readonly master: MasterKey;
  private readonly masterKeys: ReadonlyMap<string, Buffer>;

  constructor(
    key: Buffer,
    private readonly now: () => number = Date.now,
  ) {
    this.master = masterKeyFromBytes(key);
    this.masterKeys = masterKeyRing(this.master);
  }

  seal(link: SharedLink, holderId: string, ttlMs: number): string {
    const payload: SealedLink = { url: link.url, exp: this.now() + ttlMs };
    return sealSecret(JSON.stringify(payload), this.master, sharedLinkAad(holderId, link.shareId));
  }

  open(value: string | undefined, holderId: string, shareId: string): string | null {
    if (!value) return null;
    try {
      const text = openSecret(value, this.masterKeys, sharedLinkAad(holderId, shareId));
      const link = JSON.parse(text) as SealedLink;
      return link.exp > this.now() ? link.url : null;
    } catch {
      // Another holder's or share's cookie, a tampered one or one sealed under an old secret.
      return null;
    }
  }
}
