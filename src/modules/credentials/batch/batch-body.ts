import express, { type RequestHandler } from 'express';
import { jsonBodyParser, MAX_JSON_DEPTH } from '../../../common/http/json-body.js';

/** Where batches are submitted. */
export const BATCH_ROUTE = '/issuer/credentials/batch';

/** A batch of 10,000 rows is far larger than any other request body. */
export const MAX_BATCH_BYTES = 32 * 1024 * 1024;

/** Object members of the largest batch: 10,000 rows of well under 50 members each. */
export const MAX_BATCH_KEYS = 500_000;

/**
 * The body parsers of the batch route, installed before the global JSON parser (which then
 * leaves the already-read body alone): JSON with the batch limit, and CSV as text.
 */
export function batchBodyParsers(): RequestHandler[] {
  return [
    ...jsonBodyParser({
      limit: MAX_BATCH_BYTES,
      maxDepth: MAX_JSON_DEPTH,
      maxKeys: MAX_BATCH_KEYS,
    }),
    express.text({ limit: MAX_BATCH_BYTES, type: ['text/csv'] }),
  ];
}
