import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { AppError } from '../../common/errors/app-error.js';
import type { AppConfig } from '../../config/config.js';
import { InjectConfig } from '../../config/config.module.js';
import {
  CaseWorkerSessionsService,
  SESSION_HOURS,
  type CaseWorkerSignedIn,
} from '../../modules/recognition-cases/services/case-worker-sessions.service.js';
import { cookieOptions, pageLang, readCookie } from '../cookies.js';
import { FormCsrf, pageKey } from '../csrf.js';
import { CONSOLE_PUBLIC } from './console-context.js';

export const CONSOLE_SESSION_COOKIE = 'rc_console';
export const CONSOLE_CSRF_COOKIE = 'rc_console_csrf';
const HOUR_MS = 3_600_000;

/**
 * Every console request: its language, its case worker (from the session cookie: HttpOnly,
 * SameSite=Strict, for /console only, Secure over https), a CSRF token for its forms; every form
 * post must carry a valid one (403 otherwise), and every route not marked @PublicConsolePage
 * needs a signed-in case worker (the error filter sends the others to sign in).
 */
@Injectable()
export class ConsoleGuard implements CanActivate {
  readonly secure: boolean;
  private readonly csrf: FormCsrf;

  constructor(
    @InjectConfig() config: AppConfig,
    private readonly sessions: CaseWorkerSessionsService,
    private readonly reflector: Reflector,
  ) {
    this.secure = config.publicBaseUrl.startsWith('https:');
    this.csrf = new FormCsrf(pageKey(config.secrets.SESSION_SECRET, 'console csrf'), {
      name: CONSOLE_CSRF_COOKIE,
      path: '/console',
      secure: this.secure,
    });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const lang = pageLang(req, res, this.secure);
    const token = readCookie(req, CONSOLE_SESSION_COOKIE);
    const worker = await this.sessions.resolve(token);
    if (token && !worker) this.clearSession(res);
    if (!this.csrf.accepts(req, worker?.sessionId)) {
      req.console = { lang, worker, csrf: '' };
      throw new AppError('FORBIDDEN', 'The form is missing a valid CSRF token.');
    }
    req.console = { lang, worker, csrf: this.csrf.issue(req, res, worker?.sessionId) };
    const open = this.reflector.getAllAndOverride<boolean>(CONSOLE_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!open && !worker) throw new AppError('UNAUTHORIZED', 'Sign in first.');
    return true;
  }

  startSession(res: Response, token: string): void {
    res.cookie(
      CONSOLE_SESSION_COOKIE,
      token,
      cookieOptions(this.secure, { path: '/console', maxAge: SESSION_HOURS * HOUR_MS }),
    );
  }

  async endSession(res: Response, worker: CaseWorkerSignedIn): Promise<void> {
    await this.sessions.logout(worker.sessionId);
    this.clearSession(res);
  }

  private clearSession(res: Response): void {
    res.clearCookie(CONSOLE_SESSION_COOKIE, cookieOptions(this.secure, { path: '/console' }));
  }
}
