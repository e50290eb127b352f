import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

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

interface SealedLink extends SharedLink {
  holderId: string;
  /** Epoch milliseconds after which it is not shown. */
  exp: number;
}

/**
 * A new share's link, kept for a few minutes in an encrypted cookie (AES-256-GCM) so that the
 * page after the redirect can show its QR code: the service keeps only the token's hash, so the
 * link can be shown only while this cookie lives, and only to the holder who made it.
 */
export class SharedLinkSeal {
  constructor(
    private readonly key: Buffer,
    private readonly now: () => number = Date.now,
  ) {}

  seal(link: SharedLink, holderId: string, ttlMs: number): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const payload: SealedLink = { ...link, holderId, exp: this.now() + ttlMs };
    const body = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  open(value: string | undefined, holderId: string, shareId: string): string | null {
    if (!value) return null;
    try {
      const raw = Buffer.from(value, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
      const link = JSON.parse(text.toString('utf8')) as SealedLink;
      const valid = link.holderId === holderId && link.shareId === shareId && link.exp > this.now();
      return valid ? link.url : null;
    } catch {
      return null;
    }
  }
}
