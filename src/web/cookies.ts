import type { CookieOptions, Request, Response } from 'express';
import { isLang, pickLang, type Lang } from '../common/i18n/i18n.js';

/** The language a person chose with the switch; remembered for a year. */
export const LANG_COOKIE = 'rc_lang';
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** The request's cookies (no cookie-parser: the pages read three cookies and no more). */
export function readCookies(req: Request): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 1) continue;
    const name = part.slice(0, at).trim();
    const raw = part.slice(at + 1).trim();
    try {
      cookies[name] ??= decodeURIComponent(raw);
    } catch {
      // a malformed value is no value
    }
  }
  return cookies;
}

export function readCookie(req: Request, name: string): string | undefined {
  return readCookies(req)[name];
}

/** HttpOnly and SameSite by default; Secure whenever the service is served over https. */
export function cookieOptions(
  secure: boolean,
  options: Partial<CookieOptions> = {},
): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure, path: '/', ...options };
}

/**
 * The page's language: `?lang=` (remembered in a cookie, so the switch sticks), the remembered
 * one, Accept-Language, Spanish.
 */
export function pageLang(req: Request, res: Response, secure: boolean): Lang {
  const query = req.query.lang;
  if (isLang(query) && readCookie(req, LANG_COOKIE) !== query) {
    res.cookie(LANG_COOKIE, query, cookieOptions(secure, { sameSite: 'lax', maxAge: YEAR_MS }));
  }
  return pickLang(query, req.get('accept-language'), readCookie(req, LANG_COOKIE));
}
