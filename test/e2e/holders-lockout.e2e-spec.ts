import { DemoSeedService } from '../../src/modules/demo/demo-seed.service.js';
import { certificateBody, type TestDocument } from '../helpers/bodies.js';
import { documentFields, issueTo, loginHolder, registerHolder } from '../helpers/holders.js';
import { expectProblem } from '../helpers/problem.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const PASSWORD = 'mi perro se llama Toby 2019';

// Lockouts per client address: low limits here, so that the other specs are not locked out.
describe('holder lockouts per client', () => {
  let t: TestApp;
  let issuerKey: string;
  const person: TestDocument = { type: 'CEDULA', country: 'EC', number: 'DEMO-EC-7070' };
  const accounts = async () =>
    (await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM holder_account'))[0]
      .n;

  beforeAll(async () => {
    t = await startTestApp({
      HOLDER_LOGIN_MAX_FAILURES: '100',
      HOLDER_LOGIN_MAX_CLIENT_FAILURES: '4',
      HOLDER_CLAIM_MAX_CLIENT_FAILURES: '3',
      HOLDER_LOCKOUT_SECONDS: '600',
      PUBLIC_RATE_LIMIT_PER_MINUTE: '100000',
    });
    issuerKey = (await t.app.get(DemoSeedService).seed()).apiKey!.key;
    const issued = await issueTo(
      t,
      issuerKey,
      certificateBody({ holder: { documents: [person] } }),
    );
    expect((await registerHolder(t, person, issued.claimCode, PASSWORD)).status).toBe(201);
  });
  afterAll(() => t.close());

  it('locks a client that fails logins on many accounts, even for a right password', async () => {
    for (let i = 0; i < 4; i++) {
      const stranger = { type: 'DNI', country: 'PE', number: `DEMO-DNI-90${i}` };
      expectProblem(await loginHolder(t, stranger, PASSWORD), 401, 'INVALID_CREDENTIALS');
    }
    const locked = await loginHolder(t, person, PASSWORD);
    expectProblem(locked, 429, 'RATE_LIMITED');
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(590);
    expect(retryAfter).toBeLessThanOrEqual(600);
  });

  it('locks a client that keeps guessing claim codes, even for a right code', async () => {
    const other: TestDocument = { type: 'CEDULA', country: 'EC', number: 'DEMO-EC-8080' };
    const issued = await issueTo(t, issuerKey, certificateBody({ holder: { documents: [other] } }));
    const register = (claimCode: string) =>
      t.http
        .post('/holder/register')
        .send({ ...documentFields(other), claimCode, password: PASSWORD });
    const before = await accounts();
    for (const guess of ['AAAA-AAAA-AAAA-AAAA', 'BBBB-BBBB-BBBB-BBBB', 'CCCC-CCCC-CCCC-CCCC']) {
      expectProblem(await register(guess), 400, 'INVALID_CLAIM');
    }
    const locked = await register(issued.claimCode);
    expectProblem(locked, 429, 'RATE_LIMITED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(590);
    expect(await accounts()).toBe(before);
  });
});
