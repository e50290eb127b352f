import { createThrowawayDatabase, type ThrowawayDatabase } from '../helpers/databases.js';
import { expectProblem } from '../helpers/problem.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';
import { startTestApp, testSecrets, type TestApp } from '../helpers/test-app.js';

describe('health and metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reports liveness and readiness', async () => {
    expect((await t.http.get('/health')).body).toEqual({ status: 'ok' });
    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.headers['cache-control']).toBe('no-store');
  });

  it('exposes request counts by route template and process metrics', async () => {
    await t.http.get('/health');
    await t.http.get('/no/such/thing');
    const res = await t.http.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(
      /http_requests_total\{method="GET",route="\/health",status="200"\} \d+/,
    );
    expect(res.text).toMatch(/route="unmatched",status="404"/);
    expect(res.text).not.toContain('/no/such/thing');
    expect(res.text).toContain('http_request_duration_seconds_bucket');
    expect(res.text).toContain('process_cpu_user_seconds_total');
  });
});

describe('readiness while the database goes away and comes back', () => {
  let database: ThrowawayDatabase;
  let proxy: TcpProxy;
  let t: TestApp;

  beforeAll(async () => {
    database = await createThrowawayDatabase();
    proxy = TcpProxy.forUrl(database.url);
    await proxy.start();
    t = await startTestApp({ ...testSecrets(), DATABASE_URL: proxy.proxiedUrl(database.url) });
  });
  afterAll(async () => {
    await t.close();
    await proxy.cut();
    await database.drop();
  });

  it('answers 503 NOT_READY while the database is unreachable, then 200 without a restart', async () => {
    expect((await t.http.get('/health/ready')).status).toBe(200);

    await proxy.cut();
    expectProblem(await t.http.get('/health/ready'), 503, 'NOT_READY');
    expect((await t.http.get('/health')).status).toBe(200);

    await proxy.start();
    expect((await t.http.get('/health/ready')).status).toBe(200);
  });

  it('answers requests 503 DATABASE_UNAVAILABLE with Retry-After, quickly, then serves again', async () => {
    const admin = { Authorization: `Bearer ${t.config.secrets.ADMIN_TOKEN}` };
    const calls = [
      () => t.http.get('/registry/issuers/pe-nobody'),
      () => t.http.get('/admin/issuers/pe-nobody/api-keys').set(admin),
    ];
    for (const call of calls) expectProblem(await call(), 404, 'NOT_FOUND');

    await proxy.cut();
    for (const call of calls) {
      const started = Date.now();
      const res = await call();
      expectProblem(res, 503, 'DATABASE_UNAVAILABLE');
      expect(res.headers['retry-after']).toBe('5');
      expect(Date.now() - started).toBeLessThan(6_000);
    }

    const page = await t.http.get('/v/AAAAAAAAAAAAAAAAAAAAAAAA').set('Accept', 'text/html');
    expect(page.status).toBe(503);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['retry-after']).toBe('5');

    await proxy.start();
    for (const call of calls) expectProblem(await call(), 404, 'NOT_FOUND');
  });
});

describe('statement timeout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ DATABASE_STATEMENT_TIMEOUT_MS: '500' });
  });
  afterAll(() => t.close());

  it('bounds every statement of the pool', async () => {
    const [{ statement_timeout: timeout }] =
      await t.dataSource.query<{ statement_timeout: string }[]>('SHOW statement_timeout');
    expect(timeout).toBe('500ms');
    await expect(t.dataSource.query('SELECT pg_sleep(2)')).rejects.toMatchObject({
      driverError: { code: '57014' },
    });
  });

  it('answers a request held by a lock 503 DATABASE_UNAVAILABLE when the timeout strikes', async () => {
    const holder = t.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    try {
      await holder.query('LOCK TABLE issuer IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const res = await t.http.get('/registry/issuers');
      expectProblem(res, 503, 'DATABASE_UNAVAILABLE');
      expect(res.headers['retry-after']).toBe('5');
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    expect((await t.http.get('/registry/issuers')).status).toBe(200);
  });
});
