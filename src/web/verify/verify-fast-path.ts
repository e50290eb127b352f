import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import accepts from 'accepts';
import { markAdmitted, type RateLimiters } from '../../common/http/rate-limit.js';
import { assignRequestId } from '../../common/http/request-id.js';
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

interface HotCheck {
  token: string;
  query: { country?: string; purpose?: string };
  /** The request's content negotiation, read once for the type and again for the encoding. */
  negotiator: accepts.Accepts;
}

/** The token, country and purpose of a repeat JSON check; undefined for anything else. */
function hotCheck(req: IncomingMessage): HotCheck | undefined {
  if (req.method !== 'GET' || !req.url) return undefined;
  const mark = req.url.indexOf('?');
  const match = LINK.exec(mark === -1 ? req.url : req.url.slice(0, mark));
  if (!match) return undefined;
  // As `req.accepts(['html', 'json'])` answers in Express, with the same package.
  const negotiator = accepts(req);
  if (negotiator.type(['html', 'json']) !== 'json') return undefined;
  const query: Record<string, string> = {};
  if (mark !== -1) {
    for (const [key, value] of new URLSearchParams(req.url.slice(mark + 1))) {
      // A repeated parameter is an array to Express: the controller validates it.
      if (!QUERY_KEYS.has(key) || key in query) return undefined;
      query[key] = value;
    }
  }
  return { token: match[1], query, negotiator };
}

/**
 * The repeat check of a link as a program asks it (`Accept: application/json`), answered at the
 * HTTP server, before Express builds its request and response and routes them: the same rate
 * limit, the JSON bytes and ETag kept in memory for the current revision, the check recorded.
 * Anything else (a first check, a page, a `?lang=`, a query to validate, a refused client) goes on
 * to the framework (`framework`), and so to `VerifyPageController`, which answers the same way.
 */
export function verifyFastPath(
  pages: VerifyPageService,
  limiters: RateLimiters,
  metrics: MetricsService,
  options: {
    headers: Record<string, string>;
    /** The client's address as Express's `req.ip` gives it (its trusted proxies). */
    clientAddress: (req: IncomingMessage) => string | undefined;
    framework: RequestListener;
  },
): RequestListener {
  const { framework } = options;
  const base = {
    ...options.headers,
    'Cache-Control': 'public, no-cache',
    // As the answers the compression middleware sends (this one, from memory, is not compressed).
    Vary: 'Accept, Accept-Encoding',
  };
  return (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    const check = hotCheck(req);
    if (!check) return void framework(req, res);
    limiters
      .of('verify')
      .consume(options.clientAddress(req) ?? 'unknown')
      .then(
        (admission) => {
          if (!admission.allowed) return void framework(req, res);
          markAdmitted(req);
          const json = pages.cachedJson(check.token, check.query);
          if (!json) return void framework(req, res);
          answer(req, res, json, check.negotiator);
          const labels = { method: 'GET', route: '/v/:token', status: String(res.statusCode) };
          metrics.observe(labels, (performance.now() - started) / 1000);
        },
        // The framework asks the limiter again and answers its failure as any other.
        () => framework(req, res),
      );
  };

  // As the controller and `sendCacheable` answer, headers and all, written at once.
  function answer(
    req: IncomingMessage,
    res: ServerResponse,
    json: CachedJson,
    negotiator: accepts.Accepts,
  ): void {
    assignRequestId(req, res);
    const headers = { ...base, ETag: json.etag };
    if (matches(req.headers['if-none-match'], json.etag)) {
      res.writeHead(304, headers).end();
      return;
    }
    // Brotli first when the client takes both, as the compression middleware chooses.
    const accepted = (['br', 'gzip'] as const).find((e) => negotiator.encodings(e) === e);
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
}

/** If-None-Match names this ETag (one of a list, weak or strong) or is `*`. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
