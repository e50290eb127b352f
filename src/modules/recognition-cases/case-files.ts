import { fileTypeFromBuffer } from 'file-type';
import { sha256Hex } from '../../common/crypto/index.js';
import { AppError } from '../../common/errors/app-error.js';
import { CASE_FILE_MAX_BYTES, CASE_FILE_TYPES } from './recognition-cases.constants.js';

/**
 * A supporting file as it arrives: a name and its bytes, in base64 (the JSON API) or as they are
 * (the portal's multipart form).
 */
export type IncomingFile =
  { filename: string; contentBase64: string } | { filename: string; content: Buffer };

export interface CheckedFile {
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  content: Buffer;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function bytesOf(file: IncomingFile, at: string): Buffer {
  if ('content' in file) return file.content;
  if (!BASE64.test(file.contentBase64) || file.contentBase64.length % 4 !== 0) {
    throw new AppError('VALIDATION_FAILED', 'A file is not valid base64.', {
      errors: [{ path: at, message: 'must be base64' }],
    });
  }
  return Buffer.from(file.contentBase64, 'base64');
}

/**
 * Decodes and checks each file: base64 when so given, at most CASE_FILE_MAX_BYTES, and a PDF,
 * PNG or JPEG by its bytes (file-type), whatever its name says. The first failure is thrown;
 * nothing is stored.
 */
export async function checkFiles(files: IncomingFile[], path: string): Promise<CheckedFile[]> {
  const checked: CheckedFile[] = [];
  for (const [index, file] of files.entries()) {
    const at = `${path}[${index}].${'content' in file ? 'content' : 'contentBase64'}`;
    const content = bytesOf(file, at);
    if (content.length === 0 || content.length > CASE_FILE_MAX_BYTES) {
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `A file must have 1 to ${CASE_FILE_MAX_BYTES} bytes; it has ${content.length}.`,
        { errors: [{ path: at, message: `at most ${CASE_FILE_MAX_BYTES} bytes` }] },
      );
    }
    const sniffed = await fileTypeFromBuffer(content);
    if (!sniffed || !(CASE_FILE_TYPES as readonly string[]).includes(sniffed.mime)) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'A file is not a PDF, PNG or JPEG.', {
        errors: [{ path: at, message: `must be ${CASE_FILE_TYPES.join(', ')}` }],
      });
    }
    checked.push({
      filename: file.filename,
      contentType: sniffed.mime,
      size: content.length,
      sha256: sha256Hex(content),
      content,
    });
  }
  return checked;
}
