import busboy from 'busboy';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { pickLang } from '../../common/i18n/i18n.js';
import {
  CASE_FILE_MAX_BYTES,
  CASE_FILES_PER_MESSAGE,
} from '../../modules/recognition-cases/recognition-cases.constants.js';
import { LANG_COOKIE, readCookie } from '../cookies.js';
import { renderErrorPage } from '../layout.js';
import { SITE_MESSAGES } from '../messages/site-messages.js';
import type { PortalSessionService } from './portal-session.service.js';

/** Where the portal takes files: opening a case and answering a request for information. */
export const UPLOAD_ROUTE = '/portal/cases';

/**
 * A whole upload may be this large: files over the per-file limit are read past and dropped (so
 * the form can say which one), but a request beyond this is not read at all.
 */
export const MAX_UPLOAD_REQUEST_BYTES = 32 * 1024 * 1024;

export interface UploadedFile {
  field: string;
  /** The name the browser sent, without any folder. */
  filename: string;
  /** At most CASE_FILE_MAX_BYTES + 1 bytes: one byte more tells the checks the file is too big. */
  content: Buffer;
}

export interface Uploads {
  files: UploadedFile[];
  /** More files than a message may carry were sent; the extra ones were dropped. */
  tooMany: boolean;
}

declare module 'http' {
  interface IncomingMessage {
    uploads?: Uploads;
  }
}

const LIMITS = {
  // One byte past the limit: the recognition-cases module's own check refuses the file.
  fileSize: CASE_FILE_MAX_BYTES + 1,
  files: CASE_FILES_PER_MESSAGE,
  fields: 40,
  fieldSize: 16 * 1024,
  fieldNameSize: 64,
  parts: 60,
};

function sendErrorPage(req: Request, res: Response, status: 400 | 413): void {
  const lang = pickLang(req.query.lang, req.get('accept-language'), readCookie(req, LANG_COOKIE));
  const t = SITE_MESSAGES[lang];
  res
    .status(status)
    .set({ 'Cache-Control': 'no-store', Connection: 'close' })
    .type('html')
    .send(renderErrorPage(lang, status === 413 ? t.error_PAYLOAD_TOO_LARGE : t.error_GENERIC));
}

const isMultipart = (req: Request) =>
  req.method === 'POST' && (req.get('content-type') ?? '').startsWith('multipart/form-data');

/**
 * The portal's multipart forms, read before the routes' guard so that it finds the CSRF token
 * among the fields (`req.body`, repeated names as arrays, like the urlencoded parser) and the
 * files in `req.uploads`. Only a signed-in holder's upload is read; anyone else's is left unread
 * and the guard refuses it. Empty file inputs (nothing chosen) are no file.
 */
export function portalUploads(sessions: PortalSessionService): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!isMultipart(req)) {
      next();
      return;
    }
    const declared = Number(req.get('content-length') ?? 0);
    if (declared > MAX_UPLOAD_REQUEST_BYTES) {
      sendErrorPage(req, res, 413);
      return;
    }
    sessions
      .current(req, res)
      .then((holder) => {
        if (!holder) {
          res.set('Connection', 'close');
          next();
          return;
        }
        readMultipart(req, res, next);
      })
      .catch(next);
  };
}

function readMultipart(req: Request, res: Response, next: NextFunction): void {
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: req.headers, limits: LIMITS, defParamCharset: 'utf8' });
  } catch {
    sendErrorPage(req, res, 400);
    return;
  }
  const body: Record<string, string | string[]> = {};
  const uploads: Uploads = { files: [], tooMany: false };
  let received = 0;
  let failed = false;
  const fail = (status: 400 | 413) => {
    if (failed) return;
    failed = true;
    req.unpipe(parser);
    sendErrorPage(req, res, status);
  };
  parser.on('field', (name, value, info) => {
    if (info.nameTruncated || info.valueTruncated) return fail(400);
    const previous = body[name];
    body[name] =
      previous === undefined
        ? value
        : Array.isArray(previous)
          ? [...previous, value]
          : [previous, value];
  });
  parser.on('file', (name, stream, info) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const content = Buffer.concat(chunks);
      const filename = (info.filename ?? '').split(/[\\/]/).pop() ?? '';
      if (filename === '' && content.length === 0) return;
      uploads.files.push({ field: name, filename, content });
    });
  });
  parser.on('filesLimit', () => {
    uploads.tooMany = true;
  });
  parser.on('partsLimit', () => fail(413));
  parser.on('fieldsLimit', () => fail(413));
  parser.on('error', () => fail(400));
  parser.on('close', () => {
    if (failed) return;
    req.body = body;
    req.uploads = uploads;
    next();
  });
  req.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received > MAX_UPLOAD_REQUEST_BYTES) fail(413);
  });
  req.pipe(parser);
}
