import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { markAdmitted, type RateLimiters } from '../../common/http/rate-limit.js';
import type { MetricsService } from '../../modules/health/metrics.service.js';
import type { VerifyPageService } from './verify-page.service.js';

const LINK = /^\/v\/([A-Za-z0-9_-]{16,64})$/;
const QUERY_KEYS = new Set(['country', 'purpose']);
// As the compression middleware the other answers go through: below this, bytes are sent as they are.
const COMPRESS_FROM_BYTES = 1024;

type CachedJson = { body: string; etag: string };
type Encoding = 'br' | 'gzip';

// A cached answer is the same object while it is current, so each encoding is made once.
const encoded = new WeakMap<CachedJson, Partial<Record<Encoding, Buffer>>>();

function encodedBody(json: CachedJson, encoding: Encoding): Buffer {
  const forms = encoded.get(json) ?? {};
  encoded.set(json, forms);
  forms[encoding] ??=
    encoding === 'br'
      ? brotliCompressSync(json.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } })
      : gzipSync(json.body);
  return forms[encoding];
}

/**
 * The repeat check of a link as a program asks it (`Accept: application/json`), answered before
 * the framework's routing, pipes and guards: the same rate limit, the JSON bytes and ETag kept in
 * memory for the current audit revision, the check recorded. Anything else (a first check, a
 * page, a `?lang=`, a query to validate, a refused client) goes on to `VerifyPageController`,
 * which answers the same way.
 */
export function verifyFastPath(
  pages: VerifyPageService,
  limiters: RateLimiters,
  metrics: MetricsService,
  options: { headers: Record<string, string> },
): RequestHandler {
  const base = {
    ...options.headers,
    'Cache-Control': 'public, no-cache',
    // As the answers the compression middleware sends (this one, from memory, is not compressed).
    Vary: 'Accept, Accept-Encoding',
  };
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = performance.now();
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
        // As the controller and `sendCacheable` answer, headers and all, written at once.
        const headers = { ...base, ETag: json.etag };
        if (matches(req.get('if-none-match'), json.etag)) {
          res.writeHead(304, headers).end();
        } else {
          // Brotli first when the client takes both, as the compression middleware chooses.
          const accepted = (['br', 'gzip'] as const).find((e) => req.acceptsEncodings(e) === e);
          const encoding =
            accepted && Buffer.byteLength(json.body) >= COMPRESS_FROM_BYTES ? accepted : null;
          const body = encoding ? encodedBody(json, encoding) : json.body;
          res
            .writeHead(200, {
              ...headers,
              ...(encoding ? { 'Content-Encoding': encoding } : {}),
              'Content-Type': 'application/json; charset=utf-8',
              'Content-Length': Buffer.byteLength(body),
            })
            .end(body);
        }
        const labels = { method: 'GET', route: '/v/:token', status: String(res.statusCode) };
        metrics.observe(labels, (performance.now() - started) / 1000);
      })
      .catch(next);
  };
}

/** If-None-Match names this ETag (one of a list, weak or strong) or is `*`. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
