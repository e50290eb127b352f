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
