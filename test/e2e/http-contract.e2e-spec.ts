import { expectProblem } from '../helpers/problem.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

describe('HTTP contract', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await t.http
      .post('/health')
      .set('Content-Type', 'application/json')
      .send('{"name": "Ana",');
    expectProblem(res, 400, 'MALFORMED_JSON');
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const big = JSON.stringify({ filler: 'x'.repeat(t.config.bodyLimitBytes) });
    const res = await t.http.post('/health').set('Content-Type', 'application/json').send(big);
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('parses JSON-LD bodies as JSON too', async () => {
    const res = await t.http
      .post('/health')
      .set('Content-Type', 'application/ld+json')
      .send('{"@context": [');
    expectProblem(res, 400, 'MALFORMED_JSON');
  });

  it('answers an unknown route with 404 NOT_FOUND', async () => {
    expectProblem(await t.http.get('/no/such/route'), 404, 'NOT_FOUND');
    expectProblem(await t.http.delete('/health'), 404, 'NOT_FOUND');
  });

  it('echoes a valid X-Request-Id and replaces an invalid one', async () => {
    const echoed = await t.http.get('/nowhere').set('X-Request-Id', 'req-123.abc');
    expect(echoed.headers['x-request-id']).toBe('req-123.abc');
    expect(echoed.body.requestId).toBe('req-123.abc');

    const replaced = await t.http.get('/health').set('X-Request-Id', 'bad id <script>');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends security headers and no framework banner', async () => {
    const res = await t.http.get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
