import express, { type RequestHandler } from 'express';

/** Where batches are submitted. */
export const BATCH_ROUTE = '/issuer/credentials/batch';

/** A batch of 10,000 rows is far larger than any other request body. */
export const MAX_BATCH_BYTES = 32 * 1024 * 1024;

/**
 * The body parsers of the batch route, installed before the global JSON parser (which then
 * leaves the already-read body alone): JSON with the batch limit, and CSV as text.
 */
export function batchBodyParsers(): RequestHandler[] {
  return [
    express.json({ limit: MAX_BATCH_BYTES, type: ['application/json', 'application/*+json'] }),
    express.text({ limit: MAX_BATCH_BYTES, type: ['text/csv'] }),
  ];
}
