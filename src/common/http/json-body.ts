import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import { AppError } from '../errors/app-error.js';

export const JSON_MEDIA_TYPES = ['application/json', 'application/*+json'];

export interface JsonBodyLimits {
  /** Bytes of the body, as sent. */
  limit: number;
  /** Objects and arrays nested in one another. */
  maxDepth: number;
  /** Object members in the whole body. */
  maxKeys: number;
}

/** Nesting that no request of the API needs: credentials and agreements stay under 12. */
export const MAX_JSON_DEPTH = 32;
/** Object members in an ordinary request body. */
export const MAX_JSON_KEYS = 10_000;

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

/**
 * Measures a JSON text without building it: the deepest nesting and the number of object members.
 * Stops as soon as a limit is passed, so a hostile body costs one linear scan at most. Invalid
 * JSON is left to `JSON.parse`; only the structure outside strings is counted.
 */
export function checkJsonShape(text: string, limits: Omit<JsonBodyLimits, 'limit'>): void {
  let depth = 0;
  let keys = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > limits.maxDepth) {
        throw new AppError(
          'JSON_TOO_DEEP',
          `The request body nests objects and arrays deeper than ${limits.maxDepth} levels.`,
        );
      }
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
    else if (c === COLON && ++keys > limits.maxKeys) {
      throw new AppError(
        'JSON_TOO_MANY_KEYS',
        `The request body has more than ${limits.maxKeys} object members.`,
      );
    }
  }
}

const STRICT_START = /^[\s]*[{[]/;

/**
 * The JSON body parser of the service: the body is read as text (size limit, charset), its shape
 * is checked against the depth and member limits, and only then parsed. As with `express.json`,
 * an empty body is `{}` and only an object or an array is accepted at the top.
 */
export function jsonBodyParser(limits: JsonBodyLimits): RequestHandler[] {
  const read = express.text({ limit: limits.limit, type: JSON_MEDIA_TYPES });
  const parse = (req: Request, _res: Response, next: NextFunction): void => {
    // Another parser of the route may have read it already (the batch route's CSV, its JSON).
    if (typeof req.body !== 'string' || !req.is(JSON_MEDIA_TYPES)) {
      next();
      return;
    }
    const text = req.body;
    if (text.trim() === '') {
      req.body = {};
      next();
      return;
    }
    try {
      checkJsonShape(text, limits);
      if (!STRICT_START.test(text)) throw new SyntaxError('not an object or an array');
      req.body = JSON.parse(text) as unknown;
      next();
    } catch (error) {
      next(
        error instanceof AppError
          ? error
          : new AppError('MALFORMED_JSON', 'The request body is not valid JSON.', {
              cause: error,
            }),
      );
    }
  };
  return [read, parse];
}
