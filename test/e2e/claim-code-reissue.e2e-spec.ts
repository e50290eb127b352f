import type { Response } from 'supertest';
import { seedIssuerKeys } from '../helpers/admin.js';
import { certificateBody, type TestDocument } from '../helpers/bodies.js';
import { issueTo, registerHolder } from '../helpers/holders.js';
import { expectProblem } from '../helpers/problem.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const PASSWORD = 'la llave está bajo la maceta 2026';
const CLAIM_CODE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;
const document = (n: number): TestDocument => ({
  type: 'PPT',
  country: 'CO',
  number: `REISSUE-${n}`,
});

describe('a new claim code for a lost one', () => {
  let t: TestApp;
  let key: string;
  let otherKey: string;
  const reissue = (id: string, body: object = { reason: 'Printout lost' }, token = key) =>
    t.http
      .post(`/issuer/credentials/${id}/claim-code`)
      .set('Authorization', `Bearer ${token}`)
      .send(body);
  const issue = (n: number) =>
    issueTo(t, key, certificateBody({ holder: { documents: [document(n)] } }));
  const claimState = async (id: string) =>
    (
      await t.dataSource.query<{ hash: string; used: string | null }[]>(
        'SELECT claim_code_hash AS hash, claim_code_used_at AS used FROM credential WHERE id = $1',
        [id],
      )
    )[0];
  const auditCount = async () =>
    (await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM audit_event'))[0].n;

  beforeAll(async () => {
    t = await startTestApp();
    ({ key, otherKey } = await seedIssuerKeys(t));
  }, 120_000);
  afterAll(() => t.close());

  it('replaces the code: the old one no longer claims, the new one does, once', async () => {
    const credential = await issue(1);
    const res = await reissue(credential.id);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ credentialId: credential.id, claimCode: expect.any(String) });
    expect(res.body.claimCode).toMatch(CLAIM_CODE);
    expect(res.body.claimCode).not.toBe(credential.claimCode);

    expectProblem(
      await registerHolder(t, document(1), credential.claimCode, PASSWORD),
      400,
      'INVALID_CLAIM',
    );
    expect((await registerHolder(t, document(1), res.body.claimCode, PASSWORD)).status).toBe(201);
    expectProblem(await reissue(credential.id), 409, 'ALREADY_CLAIMED');

    const [event] = await t.dataSource.query<{ actor: string; data: unknown }[]>(
      `SELECT actor, data FROM audit_event
       WHERE action = 'credential.claim_code_reissued' AND subject = $1`,
      [`credential:${credential.id}`],
    );
    expect(event).toEqual({ actor: 'issuer:co-ens', data: { reason: 'Printout lost' } });
    expect(JSON.stringify(event)).not.toContain(res.body.claimCode);
  });

  it('wipes the copy a batch job still keeps for its download', async () => {
    const accepted = await t.http
      .post('/issuer/credentials/batch')
      .set('Authorization', `Bearer ${key}`)
      .send([certificateBody({ holder: { documents: [document(2)] } })]);
    expect(accepted.status).toBe(202);
    const jobId: string = accepted.body.jobId;
    let job: { status: string } = { status: 'QUEUED' };
    for (let i = 0; i < 300 && !['DONE', 'FAILED'].includes(job.status); i++) {
      await new Promise((done) => setTimeout(done, 100));
      job = (await t.http.get(`/issuer/jobs/${jobId}`).set('Authorization', `Bearer ${key}`)).body;
    }
    expect(job.status).toBe('DONE');
    const [{ credential_id: id }] = await t.dataSource.query<{ credential_id: string }[]>(
      'SELECT credential_id FROM issuance_job_row WHERE job_id = $1',
      [jobId],
    );
    const { claimCode } = (await reissue(id)).body;
    const download = await t.http
      .get(`/issuer/jobs/${jobId}/credentials`)
      .set('Authorization', `Bearer ${key}`);
    expect(download.body.items).toEqual([
      expect.objectContaining({ credentialId: id, claimCode: null }),
    ]);
    expect((await registerHolder(t, document(2), claimCode, PASSWORD)).status).toBe(201);
  });

  describe('refuses, and changes nothing', () => {
    let credential: { id: string; claimCode: string };
    let revokedId: string;

    beforeAll(async () => {
      credential = await issue(3);
      revokedId = (await issue(4)).id;
      await t.http
        .post(`/issuer/credentials/${revokedId}/revoke`)
        .set('Authorization', `Bearer ${key}`)
        .send({ reason: 'Issued in error' });
    });

    const cases: [string, () => Promise<Response>, number, string][] = [
      [
        'no API key',
        () => t.http.post(`/issuer/credentials/${credential.id}/claim-code`).send({ reason: 'x' }),
        401,
        'UNAUTHORIZED',
      ],
      [
        'another issuer’s credential',
        () => reissue(credential.id, undefined, otherKey),
        404,
        'NOT_FOUND',
      ],
      [
        'an unknown credential',
        () => reissue('00000000-0000-4000-8000-000000000000'),
        404,
        'NOT_FOUND',
      ],
      ['a malformed id', () => reissue('nope'), 404, 'NOT_FOUND'],
      ['no reason', () => reissue(credential.id, {}), 400, 'VALIDATION_FAILED'],
      [
        'an unknown field',
        () => reissue(credential.id, { reason: 'x', code: 'ABCD' }),
        400,
        'VALIDATION_FAILED',
      ],
      ['a revoked credential', () => reissue(revokedId), 409, 'ALREADY_REVOKED'],
    ];
    it.each(cases)('%s', async (_name, call, status, code) => {
      const before = [
        await claimState(credential.id),
        await claimState(revokedId),
        await auditCount(),
      ];
      expectProblem(await call(), status, code);
      expect([
        await claimState(credential.id),
        await claimState(revokedId),
        await auditCount(),
      ]).toEqual(before);
    });

    it('the code first given still claims after those refusals', async () => {
      expect((await registerHolder(t, document(3), credential.claimCode, PASSWORD)).status).toBe(
        201,
      );
    });
  });
});
