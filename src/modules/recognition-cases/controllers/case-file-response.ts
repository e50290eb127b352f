import type { Response } from 'express';
import type { RecognitionCaseFile } from '../entities/recognition-case-file.entity.js';

/** A supporting file as an attachment, never rendered inline by the browser. */
export function sendCaseFile(res: Response, file: RecognitionCaseFile): void {
  res
    .status(200)
    .set({
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    })
    .send(file.content);
}
