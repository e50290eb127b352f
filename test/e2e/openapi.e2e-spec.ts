import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const COMMITTED = resolve(import.meta.dirname, '../../openapi.json');

describe('API documentation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves the OpenAPI UI', async () => {
    const res = await t.http.get('/docs').redirects(1);
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger-ui');
  });

  it('matches the committed openapi.json (run `npm run openapi` after changing routes)', async () => {
    const res = await t.http.get('/docs/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(JSON.parse(readFileSync(COMMITTED, 'utf8')));
  });

  it('documents a problem response on every operation', async () => {
    const { paths } = (await t.http.get('/docs/openapi.json')).body as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: object }> }>>;
    };
    const operations = Object.entries(paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    );
    expect(operations.length).toBeGreaterThan(0);
    for (const { path, method, op } of operations) {
      const problem = Object.values(op.responses).some(
        (response) => response.content && 'application/problem+json' in response.content,
      );
      expect({ path, method, problem }).toEqual({ path, method, problem: true });
    }
  });

  it('declares each header once and none as required, so Swagger UI can send every call', async () => {
    const { paths } = (await t.http.get('/docs/openapi.json')).body as {
      paths: Record<
        string,
        Record<string, { parameters?: { name: string; in: string; required?: boolean }[] }>
      >;
    };
    const issue = paths['/issuer/credentials'].post.parameters ?? [];
    expect(issue.filter((p) => p.in === 'header')).toEqual([
      expect.objectContaining({ name: 'Idempotency-Key', required: false }),
    ]);
    for (const [path, methods] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const headers = (op.parameters ?? []).filter((p) => p.in === 'header');
        const names = headers.map((p) => p.name.toLowerCase());
        expect({ path, method, names: new Set(names).size }).toEqual({
          path,
          method,
          names: names.length,
        });
        expect({ path, method, required: headers.filter((p) => p.required).length }).toEqual({
          path,
          method,
          required: 0,
        });
      }
    }
  });
});
