import { documentFields } from '../helpers/holders.js';
import { expectProblem } from '../helpers/problem.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// Two replicas of the service on one database, as behind a load balancer: a client's requests
// alternate between them, and still meet one rate limit and one lockout.
const LIMITS = {
  PUBLIC_RATE_LIMIT_PER_MINUTE: '4',
  HOLDER_CLAIM_MAX_CLIENT_FAILURES: '2',
  HOLDER_LOCKOUT_SECONDS: '600',
};

describe('rate limits and lockouts across two replicas', () => {
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    first = await startTestApp(LIMITS);
    const secrets = Object.fromEntries(
      Object.entries(first.config.secrets).filter(([, value]) => typeof value === 'string'),
    ) as Record<string, string>;
    second = await startTestApp({
      ...LIMITS,
      ...secrets,
      DATABASE_URL: first.config.databaseUrl!,
    });
  }, 120_000);
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('counts one client’s requests on either replica against one limit', async () => {
    const verify = (t: TestApp) => t.http.post('/verifications').send({});
    // The limit is 4 a minute: two on each replica are let through (and refused as invalid).
    for (const t of [first, second, first, second]) {
      expectProblem(await verify(t), 400, 'VALIDATION_FAILED');
    }
    for (const t of [first, second]) {
      const limited = await verify(t);
      expectProblem(limited, 429, 'RATE_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    }
  });

  it('locks a client guessing claim codes on both replicas after the limit of both together', async () => {
    const register = (t: TestApp, claimCode: string) =>
      t.http.post('/holder/register').send({
        ...documentFields({ type: 'CEDULA', country: 'EC', number: 'DEMO-EC-7070' }),
        claimCode,
        password: 'a long and unusual passphrase 7070',
      });
    expectProblem(await register(first, 'AAAA-AAAA-AAAA-AAAA'), 400, 'INVALID_CLAIM');
    expectProblem(await register(second, 'BBBB-BBBB-BBBB-BBBB'), 400, 'INVALID_CLAIM');
    const locked = await register(first, 'CCCC-CCCC-CCCC-CCCC');
    expectProblem(locked, 429, 'RATE_LIMITED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(590);
  });
});
