import type { Response } from 'supertest';
import type { TestDocument } from './bodies.js';
import type { TestApp } from './test-app.js';

export interface IssuedForTest {
  id: string;
  claimCode: string;
  verifyUrl: string;
  verifiableCredential: Record<string, unknown> | string;
}

export async function issueTo(t: TestApp, issuerKey: string, body: object): Promise<IssuedForTest> {
  const res = await t.http
    .post('/issuer/credentials')
    .set('Authorization', `Bearer ${issuerKey}`)
    .send(body);
  if (res.status !== 201) throw new Error(`issuance failed: ${res.status} ${res.text}`);
  return res.body as IssuedForTest;
}

export const documentFields = (document: TestDocument) => ({
  documentType: document.type,
  documentCountry: document.country,
  documentNumber: document.number,
});

export const registerHolder = (
  t: TestApp,
  document: TestDocument,
  claimCode: string,
  password: string,
) => t.http.post('/holder/register').send({ ...documentFields(document), claimCode, password });

export const loginHolder = (t: TestApp, document: TestDocument, password: string) =>
  t.http.post('/holder/login').send({ ...documentFields(document), password });

/** Supertest requests with a holder's access token. */
export function asHolder(t: TestApp, accessToken: string) {
  const auth = { Authorization: `Bearer ${accessToken}` };
  return {
    get: (url: string) => t.http.get(url).set(auth),
    post: (url: string, body: object = {}) => t.http.post(url).set(auth).send(body),
    put: (url: string, body: object = {}) => t.http.put(url).set(auth).send(body),
    delete: (url: string) => t.http.delete(url).set(auth),
  };
}

/** Reads any response body as bytes (PDFs, VC-JWT text). */
export function binary(
  res: Response & { setEncoding?: unknown },
  callback: (error: Error | null, body: Buffer) => void,
): void {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}
