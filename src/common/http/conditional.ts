import type { Request, Response } from 'express';
import { sha256Hex } from '../crypto/index.js';

/** A strong validator of these exact bytes. */
export function strongEtag(body: string): string {
  return `"${sha256Hex(body).slice(0, 32)}"`;
}

export interface CacheableBody {
  body: string;
  /** A strong ETag of `body`; computed when absent. */
  etag?: string;
  type: string;
  /** How long shared caches (a CDN) and browsers may keep it. */
  cacheControl: string;
}

/**
 * Sends a body with a strong ETag and its Cache-Control; a client (or CDN) whose If-None-Match
 * names the current ETag gets `304 Not Modified` without the body.
 */
export function sendCacheable(req: Request, res: Response, answer: CacheableBody): void {
  res.set({ ETag: answer.etag ?? strongEtag(answer.body), 'Cache-Control': answer.cacheControl });
  // Express compares If-None-Match (a list, or *) with the ETag just set.
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  res.type(answer.type).send(answer.body);
}
