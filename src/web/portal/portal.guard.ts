import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { AppError } from '../../common/errors/app-error.js';
import type { AppConfig } from '../../config/config.js';
import { InjectConfig } from '../../config/config.module.js';
import { pageLang } from '../cookies.js';
import { FormCsrf } from '../csrf.js';
import { PORTAL_PUBLIC } from './portal-context.js';
import { portalKey } from './portal-secrets.js';
import { PortalSessionService } from './portal-session.service.js';

export const CSRF_COOKIE = 'rc_csrf';

/**
 * Every portal request: its language, its holder (from the session cookie), a CSRF token for its
 * forms; every form post must carry a valid one (403 otherwise), and every route not marked
 * @PublicPage needs a signed-in holder (the error filter sends the others to sign in).
 */
@Injectable()
export class PortalGuard implements CanActivate {
  private readonly csrf: FormCsrf;

  constructor(
    @InjectConfig() config: AppConfig,
    private readonly sessions: PortalSessionService,
    private readonly reflector: Reflector,
  ) {
    this.csrf = new FormCsrf(portalKey(config.secrets.SESSION_SECRET, 'csrf'), {
      name: CSRF_COOKIE,
      path: '/portal',
      secure: sessions.secure,
    });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const lang = pageLang(req, res, this.sessions.secure);
    const holder = await this.sessions.current(req, res);
    if (!this.csrf.accepts(req, holder?.sessionId)) {
      req.portal = { lang, holder, csrf: '' };
      throw new AppError('FORBIDDEN', 'The form is missing a valid CSRF token.');
    }
    req.portal = { lang, holder, csrf: this.csrf.issue(req, res, holder?.sessionId) };
    const open = this.reflector.getAllAndOverride<boolean>(PORTAL_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!open && !holder) throw new AppError('UNAUTHORIZED', 'Sign in first.');
    return true;
  }
}
