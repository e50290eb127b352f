import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

export const REQUEST_ID_HEADER = 'X-Request-Id';

const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

declare module 'http' {
  interface IncomingMessage {
    /** Set first thing on every request: the caller's valid X-Request-Id, or a new UUID. */
    id: string;
  }
}

/** The caller's valid X-Request-Id, or a new UUID, on the request and its answer. */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): void {
  const incoming = req.headers[REQUEST_ID_HEADER.toLowerCase()];
  req.id =
    typeof incoming === 'string' && VALID_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, req.id);
}

export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  assignRequestId(req, res);
  next();
}
