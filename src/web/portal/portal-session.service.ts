import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { sha256Hex } from '../../common/crypto/index.js';
import type { AppConfig } from '../../config/config.js';
import { InjectConfig } from '../../config/config.module.js';
import type { HolderPrincipal } from '../../modules/holders/holder-principal.js';
import { HolderAccountsService } from '../../modules/holders/services/holder-accounts.service.js';
import { HolderPreferencesService } from '../../modules/holders/services/holder-preferences.service.js';
import {
  HolderSessionsService,
  REFRESH_TOKEN_DAYS,
  type SessionTokens,
} from '../../modules/holders/services/holder-sessions.service.js';
import { cookieOptions, readCookie } from '../cookies.js';

export const SESSION_COOKIE = 'rc_session';
const DAY_MS = 24 * 60 * 60 * 1000;
// Two requests that find the same expired access token (a double tap) must not both spend the
// refresh token: the second would look like a stolen copy and end the session.
const RECENT_REFRESH_MS = 30_000;

/**
 * The portal's session: the holder API's own session (a short-lived access token and a refresh
 * token rotated on use) kept in one HttpOnly, SameSite=Strict cookie for /portal, Secure over
 * https. An expired access token is refreshed in-process; a session ended elsewhere (sign-out,
 * erasure, a reused refresh token) ends here at the next request.
 */
@Injectable()
export class PortalSessionService {
  readonly secure: boolean;
  private readonly recent = new Map<string, { tokens: SessionTokens; until: number }>();

  constructor(
    @InjectConfig() config: AppConfig,
    private readonly sessions: HolderSessionsService,
    private readonly accounts: HolderAccountsService,
    private readonly preferences: HolderPreferencesService,
  ) {
    this.secure = config.publicBaseUrl.startsWith('https:');
  }

  /** The holder signed in with this request's cookie, or null (the cookie is then cleared). */
  async current(req: Request, res: Response): Promise<HolderPrincipal | null> {
    const raw = readCookie(req, SESSION_COOKIE);
    if (!raw) return null;
    const [access = '', refresh = ''] = raw.split('~');
    const principal = access ? await this.sessions.resolve(access) : undefined;
    if (principal?.kind === 'holder') return principal;
    const tokens = refresh ? await this.refreshed(refresh) : null;
    const renewed = tokens ? await this.sessions.resolve(tokens.accessToken) : undefined;
    if (!tokens || renewed?.kind !== 'holder') {
      this.clear(res);
      return null;
    }
    this.start(res, tokens);
    return renewed;
  }

  start(res: Response, tokens: SessionTokens): void {
    res.cookie(
      SESSION_COOKIE,
      `${tokens.accessToken}~${tokens.refreshToken}`,
      cookieOptions(this.secure, { path: '/portal', maxAge: REFRESH_TOKEN_DAYS * DAY_MS }),
    );
  }

  /**
   * A session begun by a form (sign-up, sign-in, recovery), which carries the browser's time
   * zone when its script ran: the account keeps it unless it already has one.
   */
  async begin(res: Response, tokens: SessionTokens, browserTimeZone: string): Promise<void> {
    this.start(res, tokens);
    const principal = browserTimeZone ? await this.sessions.resolve(tokens.accessToken) : undefined;
    if (principal?.kind === 'holder') {
      await this.preferences.adoptBrowserTimeZone(principal.holderId, browserTimeZone);
    }
  }

  clear(res: Response): void {
    res.clearCookie(SESSION_COOKIE, cookieOptions(this.secure, { path: '/portal' }));
  }

  async end(res: Response, holder: HolderPrincipal): Promise<void> {
    await this.accounts.logout(holder.sessionId);
    this.clear(res);
  }

  private async refreshed(refreshToken: string): Promise<SessionTokens | null> {
    const now = Date.now();
    for (const [key, entry] of this.recent) if (entry.until <= now) this.recent.delete(key);
    const key = sha256Hex(refreshToken);
    const recent = this.recent.get(key);
    if (recent) return recent.tokens;
    try {
      const tokens = await this.accounts.refresh(refreshToken);
      this.recent.set(key, { tokens, until: now + RECENT_REFRESH_MS });
      return tokens;
    } catch {
      return null;
    }
  }
}
