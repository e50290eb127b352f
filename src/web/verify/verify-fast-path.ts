import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sendCacheable } from '../../common/http/conditional.js';
import { markAdmitted, type RateLimiters } from '../../common/http/rate-limit.js';
import type { VerifyPageService } from './verify-page.service.js';

const LINK = /^\/v\/([A-Za-z0-9_-]{16,64})$/;
const QUERY_KEYS = new Set(['country', 'purpose']);

/**
 * The repeat check of a link as a program asks it (`Accept: application/json`), answered before
 * the framework's routing, pipes and guards: the same rate limit, the JSON bytes and ETag kept in
 * memory for the current audit revision, the check recorded. Anything else (a first check, a
 * page, a `?lang=`, a query to validate, a refused client) goes on to `VerifyPageController`,
 * which answers the same way.
 */
export function verifyFastPath(pages: VerifyPageService, limiters: RateLimiters): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const match = req.method === 'GET' ? LINK.exec(req.path) : null;
    if (!match || req.accepts(['html', 'json']) !== 'json') return next();
    const query = req.query as Record<string, unknown>;
    for (const [key, value] of Object.entries(query)) {
      if (!QUERY_KEYS.has(key) || typeof value !== 'string') return next();
    }
    const { country, purpose } = query as { country?: string; purpose?: string };
    limiters
      .of('verify')
      .consume(req.ip ?? 'unknown')
      .then((admission) => {
        if (!admission.allowed) return next();
        markAdmitted(req);
        const json = pages.cachedJson(match[1], { country, purpose });
        if (!json) return next();
        // The route the metrics label it with, as if the controller had answered.
        (req as { route?: { path: string } }).route = { path: '/v/:token' };
        res.set('Vary', 'Accept');
        sendCacheable(req, res, {
          ...json,
          type: 'application/json',
          cacheControl: 'public, no-cache',
        });
      })
      .catch(next);
  };
}
