import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { escapeHtml as e } from '../common/i18n/i18n.js';
import { cookieOptions, readCookie } from './cookies.js';

/** The hidden field every form of the portal and the console carries. */
export const CSRF_FIELD = '_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD']);
const NONCE = /^[A-Za-z0-9_-]{43}$/;

/** A key for one use of the pages, derived from SESSION_SECRET so that no two uses share one. */
export function pageKey(sessionSecret: string, use: string): Buffer {
  if (!sessionSecret) throw new TypeError('pageKey needs the SESSION_SECRET');
  return Buffer.from(hkdfSync('sha256', sessionSecret, '', `reconoce ${use} v1`, 32));
}

/**
 * CSRF tokens for forms, double-submit and signed: a random nonce lives in an HttpOnly cookie,
 * and each form carries HMAC(nonce | session id) in a hidden field. Another site can neither read
 * the nonce nor compute the HMAC, and a token stops working when the session it was made for ends.
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

/** The CSRF nonce cookie of one area of pages (the portal, the console). */
export interface CsrfCookie {
  name: string;
  path: string;
  secure: boolean;
}

/** {@link CsrfTokens} on requests: the check of a posted form and the token of a page's forms. */
export class FormCsrf {
  private readonly tokens: CsrfTokens;

  constructor(
    key: Buffer,
    private readonly cookie: CsrfCookie,
  ) {
    this.tokens = new CsrfTokens(key);
  }

  /** True for a GET, or a post whose form carries the token of this cookie and session. */
  accepts(req: Request, sessionId: string | undefined): boolean {
    if (SAFE_METHODS.has(req.method)) return true;
    const body = req.body as Record<string, unknown> | undefined;
    return this.tokens.verify(readCookie(req, this.cookie.name), sessionId, body?.[CSRF_FIELD]);
  }

  /** The token for this page's forms; sets the nonce cookie when the request had none. */
  issue(req: Request, res: Response, sessionId: string | undefined): string {
    let nonce = readCookie(req, this.cookie.name);
    if (!this.tokens.isNonce(nonce)) {
      nonce = this.tokens.newNonce();
      res.cookie(
        this.cookie.name,
        nonce,
        cookieOptions(this.cookie.secure, { path: this.cookie.path }),
      );
    }
    return this.tokens.token(nonce, sessionId);
  }
}

export const csrfInput = (token: string): string =>
  `<input type="hidden" name="${CSRF_FIELD}" value="${e(token)}">`;
