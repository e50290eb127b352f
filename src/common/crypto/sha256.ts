import { createHash } from 'node:crypto';

/** The SHA-256 digest of a UTF-8 string or of bytes, as raw bytes (e.g. for `timingSafeEqual`). */
export function sha256Bytes(value: string | Buffer): Buffer {
  return createHash('sha256').update(value).digest();
}

/** The SHA-256 digest of a UTF-8 string or of bytes, as 64 lower-case hex digits. */
export function sha256Hex(value: string | Buffer): string {
  return createHash('sha256').update(value).digest('hex');
}
