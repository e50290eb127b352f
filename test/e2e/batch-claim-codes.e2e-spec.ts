import type { Response } from 'supertest';
import { seedIssuerKeys } from '../helpers/admin.js';
import { certificateBody, type TestDocument } from '../helpers/bodies.js';
import { registerHolder } from '../helpers/holders.js';
import { expectProblem } from '../helpers/problem.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const PASSWORD = 'la llave está bajo la maceta 2026';
const CLAIM_CODE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;
const document = (n: number): TestDocument => ({ type: 'PPT', country: 'CO', number: `BULK-${n}` });

describe("new claim codes for a batch job's unclaimed credentials", () => {
  let t: TestApp;
  let key: string;
  let otherKey: string;
  let jobId: string;
  /** Row → credential id and the code of the first download. */
  let rows: { credentialId: string; claimCode: string }[];

  const asIssuer = (token = key) => ({ Authorization: `Bearer ${token}` });
  const reissue = (body: object = { reason: 'The printout never arrived' }, token = key) =>
    t.http.post(`/issuer/credentials/batch/${jobId}/claim-codes`).set(asIssuer(token)).send(body);
  const claimHashes = async () =>
    (
      await t.dataSource.query<{ hash: string }[]>(
        `SELECT c.claim_code_hash AS hash FROM credential c
         JOIN issuance_job_row r ON r.credential_id = c.id WHERE r.job_id = $1 ORDER BY r.row_no`,
        [jobId],
      )
    ).map((row) => row.hash);
  const reissueEvents = async () =>
    (
      await t.dataSource.query<{ n: number }[]>(
        "SELECT count(*)::int AS n FROM audit_event WHERE action = 'credential.claim_code_reissued'",
      )
    )[0].n;

  beforeAll(async () => {
    t = await startTestApp();
    ({ key, otherKey } = await seedIssuerKeys(t));
    const accepted = await t.http
      .post('/issuer/credentials/batch')
      .set(asIssuer())
      .send([1, 2, 3, 4].map((n) => certificateBody({ holder: { documents: [document(n)] } })));
    expect(accepted.status).toBe(202);
    jobId = accepted.body.jobId;
    let status = 'QUEUED';
    for (let i = 0; i < 300 && !['DONE', 'FAILED'].includes(status); i++) {
      await new Promise((done) => setTimeout(done, 100));
      status = (await t.http.get(`/issuer/jobs/${jobId}`).set(asIssuer())).body.status;
    }
    expect(status).toBe('DONE');
    const download = await t.http.get(`/issuer/jobs/${jobId}/credentials`).set(asIssuer());
    rows = download.body.items;
    // Row 0 is claimed by its holder, row 1 revoked; rows 2 and 3 are still to be claimed.
    expect((await registerHolder(t, document(1), rows[0].claimCode, PASSWORD)).status).toBe(201);
    const revoked = await t.http
      .post(`/issuer/credentials/${rows[1].credentialId}/revoke`)
      .set(asIssuer())
      .send({ reason: 'Issued in error' });
    expect(revoked.status).toBe(200);
  }, 120_000);
  afterAll(() => t.close());

  describe('refuses, and changes nothing', () => {
    const cases: [string, () => Promise<Response>, number, string][] = [
      [
        'no API key',
        () => t.http.post(`/issuer/credentials/batch/${jobId}/claim-codes`).send({ reason: 'x' }),
        401,
        'UNAUTHORIZED',
      ],
      ['another issuer’s job', () => reissue(undefined, otherKey), 404, 'NOT_FOUND'],
      [
        'an unknown job',
        () =>
          t.http
            .post('/issuer/credentials/batch/00000000-0000-4000-8000-000000000000/claim-codes')
            .set(asIssuer())
            .send({ reason: 'x' }),
        404,
        'NOT_FOUND',
      ],
      ['no reason', () => reissue({}), 400, 'VALIDATION_FAILED'],
      [
        'a malformed Idempotency-Key',
        () =>
          t.http
            .post(`/issuer/credentials/batch/${jobId}/claim-codes`)
            .set({ ...asIssuer(), 'Idempotency-Key': 'no spaces allowed' })
            .send({ reason: 'x' }),
        400,
        'VALIDATION_FAILED',
      ],
    ];
    it.each(cases)('%s', async (_name, call, status, code) => {
      const before = [await claimHashes(), await reissueEvents()];
      expectProblem(await call(), status, code);
      expect([await claimHashes(), await reissueEvents()]).toEqual(before);
    });
  });

  it('replaces the codes of the unclaimed, unrevoked credentials only, audited', async () => {
    const before = await claimHashes();
    const eventsBefore = await reissueEvents();
    const res = await reissue();
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      jobId,
      reissued: 2,
      items: [
        {
          row: 2,
          credentialId: rows[2].credentialId,
          claimCode: expect.stringMatching(CLAIM_CODE),
        },
        {
          row: 3,
          credentialId: rows[3].credentialId,
          claimCode: expect.stringMatching(CLAIM_CODE),
        },
      ],
    });
    const after = await claimHashes();
    expect(after.slice(0, 2)).toEqual(before.slice(0, 2));
    expect(after[2]).not.toBe(before[2]);
    expect(after[3]).not.toBe(before[3]);
    expect(await reissueEvents()).toBe(eventsBefore + 2);

    // The old code no longer claims; the new one does.
    expectProblem(
      await registerHolder(t, document(3), rows[2].claimCode, PASSWORD),
      400,
      'INVALID_CLAIM',
    );
    const newCode: string = res.body.items[0].claimCode;
    expect((await registerHolder(t, document(3), newCode, PASSWORD)).status).toBe(201);
  });

  it('answers a retry with the same Idempotency-Key with the same codes, replacing nothing', async () => {
    const call = (reason: string) =>
      t.http
        .post(`/issuer/credentials/batch/${jobId}/claim-codes`)
        .set({ ...asIssuer(), 'Idempotency-Key': 'reprint-job-1' })
        .send({ reason });
    const first = await call('Lost again');
    expect(first.status).toBe(201);
    // Row 2 was claimed in the previous test: only row 3 is left.
    expect(first.body.items).toEqual([
      { row: 3, credentialId: rows[3].credentialId, claimCode: expect.stringMatching(CLAIM_CODE) },
    ]);
    const hashes = await claimHashes();
    const events = await reissueEvents();

    const retry = await call('Lost again');
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect([await claimHashes(), await reissueEvents()]).toEqual([hashes, events]);
    const stored = await t.dataSource.query<{ response: unknown }[]>(
      "SELECT response FROM idempotency_record WHERE key = 'reprint-job-1'",
    );
    expect(JSON.stringify(stored)).not.toContain(first.body.items[0].claimCode);

    expectProblem(await call('Another reason'), 409, 'IDEMPOTENCY_CONFLICT');
    expect([await claimHashes(), await reissueEvents()]).toEqual([hashes, events]);
    expect(
      (await registerHolder(t, document(4), first.body.items[0].claimCode, PASSWORD)).status,
    ).toBe(201);
  });

  it('answers with no codes once every credential is claimed or revoked', async () => {
    const res = await reissue();
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ jobId, reissued: 0, items: [] });
  });
});
