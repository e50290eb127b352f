import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectProblem } from '../helpers/problem.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const SCHEMAS_DIR = join(process.cwd(), 'schemas');
const readJson = (file: string): unknown =>
  JSON.parse(readFileSync(join(SCHEMAS_DIR, file), 'utf8'));

describe('public context and schemas', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  describe('GET /contexts/v1', () => {
    it('serves our JSON-LD context as application/ld+json, cacheable, from any origin', async () => {
      const res = await t.http.get('/contexts/v1');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
      expect(res.headers['cache-control']).toBe('public, max-age=3600');
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(JSON.parse(res.text)).toEqual(readJson('context-v1.jsonld'));
      expect(JSON.parse(res.text)['@context']).toEqual(expect.any(Object));
    });
  });

  describe('GET /schemas/<name>.json', () => {
    it.each([
      'AcademicTitleCredential',
      'CompetencyCertificationCredential',
      'RecognitionDecisionCredential',
    ])('serves %s as application/schema+json', async (name) => {
      const res = await t.http.get(`/schemas/${name}.json`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/schema\+json/);
      expect(res.headers['cache-control']).toBe('public, max-age=3600');
      expect(res.headers['access-control-allow-origin']).toBe('*');
      const schema = JSON.parse(res.text) as Record<string, unknown>;
      expect(schema).toEqual(readJson(`${name}.json`));
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    });

    it.each([
      '/schemas/UnknownCredential.json',
      '/schemas/academictitlecredential.json',
      '/schemas/AcademicTitleCredential',
      '/schemas/context-v1.jsonld',
      '/schemas/..%2Fpackage.json',
    ])('answers %s with a 404 problem, not cached', async (path) => {
      const res = await t.http.get(path);
      expectProblem(res, 404, 'NOT_FOUND');
      expect(res.headers['cache-control']).not.toBe('public, max-age=3600');
    });
  });

  it('documents both routes in OpenAPI under the schemas tag', async () => {
    const res = await t.http.get('/docs/openapi.json');
    expect(res.status).toBe(200);
    const paths = res.body.paths as Record<
      string,
      Record<string, { tags?: string[]; responses?: Record<string, unknown> }>
    >;
    expect(paths['/contexts/v1'].get.tags).toEqual(['schemas']);
    expect(paths['/schemas/{name}.json'].get.tags).toEqual(['schemas']);
    expect(Object.keys(paths['/schemas/{name}.json'].get.responses ?? {})).toContain('404');
  });
});
