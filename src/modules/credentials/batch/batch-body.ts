import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import { assertScope } from '../../../common/auth/auth.guard.js';
import type { AuthService } from '../../../common/auth/auth.service.js';
import { AppError } from '../../../common/errors/app-error.js';
import { jsonBodyParser, MAX_JSON_DEPTH } from '../../../common/http/json-body.js';

/** Where batches are submitted. */
export const BATCH_ROUTE = '/issuer/credentials/batch';

/** A batch of 10,000 rows is far larger than any other request body. */
export const MAX_BATCH_BYTES = 32 * 1024 * 1024;

/** Object members of the largest batch: 10,000 rows of well under 50 members each. */
export const MAX_BATCH_KEYS = 500_000;

/**
 * Who submits a batch is known before its body is read: up to 32 MiB are parsed only for an
 * issuer's valid API key or an access token with the route's scope. The route's guard still
 * decides as for any route.
 */
function authenticateBeforeBody(auth: AuthService): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'POST') {
      next();
      return;
    }
    auth
      .authenticate(req.get('authorization'))
      .then((principal) => {
        if (principal.kind !== 'issuer') {
          throw new AppError('FORBIDDEN', 'This credential may not use this route.');
        }
        assertScope(principal, 'write:/issuer/credentials');
      })
      .then(next, (error: unknown) => {
        // The unread body is not drained: the connection ends with the answer.
        res.set('Connection', 'close');
        next(error);
      });
  };
}

/**
 * The authentication and body parsers of the batch route, installed before the global JSON
 * parser (which then leaves the already-read body alone): JSON with the batch limits, and CSV as
 * text.
 */
export function batchBodyParsers(auth: AuthService): RequestHandler[] {
  return [
    authenticateBeforeBody(auth),
    ...jsonBodyParser({
      limit: MAX_BATCH_BYTES,
      maxDepth: MAX_JSON_DEPTH,
      maxKeys: MAX_BATCH_KEYS,
    }),
    express.text({ limit: MAX_BATCH_BYTES, type: ['text/csv'] }),
  ];
}
