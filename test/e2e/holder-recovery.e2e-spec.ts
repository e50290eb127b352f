import { asAdmin, seedIssuerKeys } from '../helpers/admin.js';
import { certificateBody, type TestDocument } from '../helpers/bodies.js';
import {
  asHolder,
  documentFields,
  issueTo,
  loginHolder,
  registerHolder,
} from '../helpers/holders.js';
import { expectProblem } from '../helpers/problem.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const PASSWORD = 'la llave está bajo la maceta 2026';
const NEW_PASSWORD = 'otra llave en el buzón verde 2027';
const THIRD_PASSWORD = 'la tercera llave del portón azul';
const CODE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;
const document = (n: number): TestDocument => ({
  type: 'PPT',
  country: 'CO',
  number: `RECOVER-${n}`,
});

describe('account recovery without email', () => {
  let t: TestApp;
  let key: string;
  let otherKey: string;
  const recover = (doc: TestDocument, recoveryCode: string, password = NEW_PASSWORD) =>
    t.http.post('/holder/recover').send({ ...documentFields(doc), recoveryCode, password });
  const assisted = (id: string, doc: TestDocument, token = key, path = 'issuer') =>
    t.http
      .post(`/${path}/credentials/${id}/recovery-code`)
      .set('Authorization', `Bearer ${token}`)
      .send({ ...documentFields(doc), reason: 'Identity checked against the PPT at the desk' });
  const issue = (n: number) =>
    issueTo(t, key, certificateBody({ holder: { documents: [document(n)] } }));
  const count = async (sql: string, params: unknown[] = []) =>
    (await t.dataSource.query<{ n: number }[]>(sql, params))[0].n;

  beforeAll(async () => {
    t = await startTestApp();
    ({ key, otherKey } = await seedIssuerKeys(t));
  }, 120_000);
  afterAll(() => t.close());

  it('gives ten printable codes at sign-up, stored hashed; one resets the password, once', async () => {
    const credential = await issue(1);
    const registered = await registerHolder(t, document(1), credential.claimCode, PASSWORD);
    expect(registered.status).toBe(201);
    const codes: string[] = registered.body.recoveryCodes;
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(CODE);
    expect(new Set(codes).size).toBe(10);
    const stored = await t.dataSource.query<{ code_hash: string }[]>(
      "SELECT code_hash FROM holder_recovery_code WHERE kind = 'PERSONAL'",
    );
    expect(stored).toHaveLength(10);
    expect(JSON.stringify(stored)).not.toContain(codes[0]);

    // Another document's code, a wrong code, a weak password: refused, nothing spent.
    const other = await issue(2);
    const otherCodes: string[] = (await registerHolder(t, document(2), other.claimCode, PASSWORD))
      .body.recoveryCodes;
    expectProblem(await recover(document(1), otherCodes[0]), 401, 'INVALID_RECOVERY_CODE');
    expectProblem(await recover(document(1), 'AAAA-BBBB-CCCC-DDDD'), 401, 'INVALID_RECOVERY_CODE');
    expectProblem(await recover(document(1), codes[0], 'short'), 422, 'WEAK_PASSWORD');
    expect(
      await count('SELECT count(*)::int AS n FROM holder_recovery_code WHERE used_at IS NOT NULL'),
    ).toBe(0);

    const recovered = await recover(document(1), codes[0].toLowerCase());
    expect(recovered.status).toBe(200);
    expect(recovered.body).toMatchObject({ recoveredWith: 'PERSONAL', credentialId: null });
    expect((await loginHolder(t, document(1), PASSWORD)).status).toBe(401);
    expect((await loginHolder(t, document(1), NEW_PASSWORD)).status).toBe(200);
    // The old session ended; reuse of the code is refused.
    expect((await asHolder(t, registered.body.accessToken).get('/holder/credentials')).status).toBe(
      401,
    );
    expectProblem(
      await recover(document(1), codes[0], THIRD_PASSWORD),
      401,
      'INVALID_RECOVERY_CODE',
    );
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_event
         WHERE action = 'holder.password_recovered' AND data->>'with' = 'PERSONAL'`,
      ),
    ).toBe(1);
  });

  it('regenerates the codes when signed in: the old ones stop working', async () => {
    const credential = await issue(3);
    const registered = await registerHolder(t, document(3), credential.claimCode, PASSWORD);
    const old: string[] = registered.body.recoveryCodes;
    expect((await t.http.post('/holder/recovery-codes')).status).toBe(401);
    const res = await asHolder(t, registered.body.accessToken).post('/holder/recovery-codes');
    expect(res.status).toBe(201);
    expect(res.body.recoveryCodes).toHaveLength(10);
    expect(res.body.recoveryCodes).not.toContain(old[0]);
    expectProblem(await recover(document(3), old[1]), 401, 'INVALID_RECOVERY_CODE');
    expect((await recover(document(3), res.body.recoveryCodes[1])).status).toBe(200);
  });

  it('locks out like sign-in after repeated wrong codes', async () => {
    const doc = document(4);
    let last = await recover(doc, 'AAAA-BBBB-CCCC-0000');
    for (let i = 0; i < 30 && last.status !== 429; i++) {
      last = await recover(doc, `AAAA-BBBB-CCCC-${String(i).padStart(4, '0')}`);
    }
    expectProblem(last, 429, 'RATE_LIMITED');
  });

  it('assisted code: only for an issuer’s own credential and its document; audited, single use', async () => {
    const credential = await issue(5);
    const registered = await registerHolder(t, document(5), credential.claimCode, PASSWORD);
    expect(registered.status).toBe(201);
    const auditBefore = await count('SELECT count(*)::int AS n FROM audit_event');

    expect((await t.http.post(`/issuer/credentials/${credential.id}/recovery-code`)).status).toBe(
      401,
    );
    expectProblem(await assisted(credential.id, document(5), otherKey), 404, 'NOT_FOUND');
    expectProblem(await assisted(credential.id, document(6)), 422, 'DOCUMENT_MISMATCH');
    expectProblem(
      await t.http
        .post(`/issuer/credentials/${credential.id}/recovery-code`)
        .set('Authorization', `Bearer ${key}`)
        .send({ ...documentFields(document(5)) }),
      400,
      'VALIDATION_FAILED',
    );
    expect(await count('SELECT count(*)::int AS n FROM audit_event')).toBe(auditBefore);
    expect(
      await count("SELECT count(*)::int AS n FROM holder_recovery_code WHERE kind = 'ASSISTED'"),
    ).toBe(0);

    const first = await assisted(credential.id, document(5));
    expect(first.status).toBe(201);
    const res = await assisted(credential.id, document(5));
    expect(res.body.recoveryCode).toMatch(CODE);
    expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 71 * 3600_000);
    // A newer code replaces the earlier one.
    expectProblem(
      await recover(document(5), first.body.recoveryCode),
      401,
      'INVALID_RECOVERY_CODE',
    );
    // The code is bound to the document checked.
    expectProblem(await recover(document(6), res.body.recoveryCode), 401, 'INVALID_RECOVERY_CODE');

    const recovered = await recover(document(5), res.body.recoveryCode);
    expect(recovered.status).toBe(200);
    expect(recovered.body).toMatchObject({
      recoveredWith: 'ASSISTED',
      credentialId: credential.id,
    });
    expect((await loginHolder(t, document(5), NEW_PASSWORD)).status).toBe(200);
    expectProblem(
      await recover(document(5), res.body.recoveryCode, THIRD_PASSWORD),
      401,
      'INVALID_RECOVERY_CODE',
    );

    const events = await t.dataSource.query<{ actor: string; data: Record<string, unknown> }[]>(
      `SELECT actor, data FROM audit_event
       WHERE action = 'holder.assisted_recovery_code_issued' AND subject = $1`,
      [`credential:${credential.id}`],
    );
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      actor: 'issuer:co-ens',
      data: { reason: 'Identity checked against the PPT at the desk', erased: false },
    });
    expect(JSON.stringify(events)).not.toContain(res.body.recoveryCode);
    expect(JSON.stringify(events)).not.toContain(document(5).number);
  });

  it('after an erasure, the operator’s assisted code opens a new account with the credential', async () => {
    const credential = await issue(7);
    const registered = await registerHolder(t, document(7), credential.claimCode, PASSWORD);
    expect(registered.status).toBe(201);
    expect((await asHolder(t, registered.body.accessToken).delete('/holder/account')).status).toBe(
      204,
    );
    expect(
      await count(
        "SELECT count(*)::int AS n FROM holder_recovery_code WHERE kind = 'PERSONAL' AND holder_id = $1",
        [await holderOf(credential.id)],
      ),
    ).toBe(0);
    // What was impossible before: the claim code is spent, its reissue refused.
    expectProblem(
      await t.http
        .post(`/issuer/credentials/${credential.id}/claim-code`)
        .set('Authorization', `Bearer ${key}`)
        .send({ reason: 'Lost' }),
      409,
      'ALREADY_CLAIMED',
    );
    expect((await loginHolder(t, document(7), PASSWORD)).status).toBe(401);

    const res = await assisted(credential.id, document(7), t.config.secrets.ADMIN_TOKEN, 'admin');
    expect(res.status).toBe(201);
    expect(
      (await asAdmin(t).post(`/admin/credentials/${credential.id}/recovery-code`)).status,
    ).toBe(400);
    const recovered = await recover(document(7), res.body.recoveryCode);
    expect(recovered.status).toBe(200);
    expect(recovered.body).toMatchObject({
      recoveredWith: 'ASSISTED',
      credentialId: credential.id,
    });
    const list = await asHolder(t, recovered.body.accessToken).get('/holder/credentials');
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).toContain(credential.id);
    expect((await loginHolder(t, document(7), NEW_PASSWORD)).status).toBe(200);
    const [event] = await t.dataSource.query<{ actor: string; data: Record<string, unknown> }[]>(
      `SELECT actor, data FROM audit_event
       WHERE action = 'holder.assisted_recovery_code_issued' AND subject = $1`,
      [`credential:${credential.id}`],
    );
    expect(event).toMatchObject({ actor: 'admin', data: { erased: true } });
  });

  it('refuses an unknown credential, for the issuer and the operator alike', async () => {
    expectProblem(
      await assisted('00000000-0000-4000-8000-000000000000', document(8)),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await assisted('not-a-uuid', document(8), t.config.secrets.ADMIN_TOKEN, 'admin'),
      404,
      'NOT_FOUND',
    );
  });

  async function holderOf(credentialId: string): Promise<string> {
    const [row] = await t.dataSource.query<{ holder_id: string }[]>(
      'SELECT holder_id FROM credential WHERE id = $1',
      [credentialId],
    );
    return row.holder_id;
  }
});
