import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError } from '../common/errors/app-error.js';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../common/errors/problem.js';
import { sendProblem } from '../common/http/problem.filter.js';
import { LANG_COOKIE, readCookie } from './cookies.js';
import { pickLang } from '../common/i18n/i18n.js';
import { renderErrorPage } from './layout.js';
import { SITE_MESSAGES } from './messages/site-messages.js';

const logger = new Logger('WebErrors');

const MESSAGE_BY_STATUS: Record<number, keyof (typeof SITE_MESSAGES)['es']> = {
  403: 'error_FORBIDDEN',
  404: 'error_NOT_FOUND',
  413: 'error_PAYLOAD_TOO_LARGE',
  429: 'error_RATE_LIMITED',
};

/**
 * Errors of the web pages as pages, not problem+json: a person reads them. A portal page that
 * (or a console page) that needs a session sends the person to sign in; anything unexpected is logged, never shown.
 */
@Catch()
export class WebErrorFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const lang =
      req.portal?.lang ??
      req.console?.lang ??
      pickLang(req.query.lang, req.get('accept-language'), readCookie(req, LANG_COOKIE));
    if (error instanceof AppError && error.code === 'UNAUTHORIZED') {
      res.redirect(303, req.path.startsWith('/console') ? '/console' : '/portal');
      return;
    }
    let status = 500;
    if (error instanceof AppError) {
      status = error.status;
      res.set(error.headers);
    } else if (error instanceof HttpException) {
      status = error.getStatus();
    } else if (isDatabaseUnavailable(error)) {
      status = 503;
      res.set('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    }
    if (status === 500) logger.error({ err: error, requestId: req.id }, 'Unexpected error');
    const t = SITE_MESSAGES[lang];
    const message =
      t[MESSAGE_BY_STATUS[status] ?? (status >= 500 ? 'error_INTERNAL' : 'error_GENERIC')];
    res
      .status(status)
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(renderErrorPage(lang, message));
  }
}

/**
 * For routes that answer both people and programs (the verification page): an error page for a
 * browser, the usual problem+json for anyone asking for JSON.
 */
@Catch()
export class PageOrProblemFilter implements ExceptionFilter {
  private readonly pages = new WebErrorFilter();

  catch(error: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    if (req.accepts(['html', 'json']) === 'html') this.pages.catch(error, host);
    else sendProblem(error, req, host.switchToHttp().getResponse<Response>());
  }
}
