import {
  masterKeyFromBytes,
  masterKeyRing,
  openSecret,
  sealSecret,
  type MasterKey,
} from '../../common/crypto/index.js';
import { pageKey } from '../csrf.js';

/** A key for one use of the portal, derived from SESSION_SECRET so that no two uses share one. */
export const portalKey = (sessionSecret: string, use: string): Buffer =>
  pageKey(sessionSecret, `portal ${use}`);

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
