import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** Swagger UI (its own HTML) needs inline styles; it keeps helmet's default policy. */
const DOCS = /^\/docs(\/|$)/;

/**
 * The Content-Security-Policy of everything but /docs: our own origin only, no inline script
 * or style (every style and script of the pages is a file under /assets), no plugins, no
 * framing, forms posting only to us. Camera frames and decoded photos need blob: images.
 */
export function strictContentSecurityPolicy(options: { https: boolean }): RequestHandler {
  const policy = helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      baseUri: ["'none'"],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      mediaSrc: ["'self'", 'blob:'],
      objectSrc: ["'none'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'"],
      styleSrcAttr: ["'none'"],
      workerSrc: ["'self'"],
      upgradeInsecureRequests: options.https ? [] : null,
    },
  });
  return (req: Request, res: Response, next: NextFunction) =>
    DOCS.test(req.path) ? next() : policy(req, res, next);
}

/**
 * The headers these middlewares set on a response to any page but /docs (they depend on nothing
 * in the request), for a handler that answers before them.
 */
export async function headersSetBy(middlewares: RequestHandler[]): Promise<Record<string, string>> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | number) => (headers[name] = String(value)),
    removeHeader: (name: string) => delete headers[name],
  } as unknown as Response;
  const req = { path: '/', method: 'GET', headers: {} } as unknown as Request;
  for (const middleware of middlewares) {
    await new Promise<void>((done, fail) => {
      void middleware(req, res, (error?: unknown) =>
        error ? fail(new Error('a security-header middleware failed', { cause: error })) : done(),
      );
    });
  }
  return headers;
}
