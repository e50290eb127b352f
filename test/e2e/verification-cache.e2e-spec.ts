import { jest } from '@jest/globals';
import { DemoSeedService } from '../../src/modules/demo/demo-seed.service.js';
import { VerificationAnswersService } from '../../src/modules/verifiers/verification-answers.service.js';
import { VerificationEventsWriter } from '../../src/modules/verifiers/verification-events.writer.js';
import { VerifyPageService } from '../../src/web/verify/verify-page.service.js';
import { certificateBody, numberedHolder } from '../helpers/bodies.js';
import { asHolder, issueTo, registerHolder } from '../helpers/holders.js';
import { expectProblem } from '../helpers/problem.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const PASSWORD = 'mi perro se llama Toby 2019';
const WEEK_MS = 7 * 24 * 3_600_000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- credentials are read freely
type Json = Record<string, any>;

// Two replicas on one database, as behind a load balancer: answers cached in memory on one must
// follow changes made through the other, and events buffered on one survive its shutdown.
describe('link answers from memory, on two replicas', () => {
  let first: TestApp;
  let second: TestApp;
  let issuerKey: string;

  beforeAll(async () => {
    first = await startTestApp();
    issuerKey = (await first.app.get(DemoSeedService).seed()).apiKey!.key;
    const secrets = Object.fromEntries(
      Object.entries(first.config.secrets).filter(([, value]) => typeof value === 'string'),
    ) as Record<string, string>;
    second = await startTestApp({ ...secrets, DATABASE_URL: first.config.databaseUrl! });
  }, 300_000);
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  const issue = async () => {
    const res = await first.http
      .post('/issuer/credentials')
      .set('Authorization', `Bearer ${issuerKey}`)
      .send(certificateBody());
    expect(res.status).toBe(201);
    return res.body as { id: string; verifiableCredential: Json; verifyUrl: string };
  };
  const linkOf = (verifyUrl: string) => `/v/${verifyUrl.split('/v/')[1]}`;
  const check = (t: TestApp, link: string) => t.http.get(link).set('Accept', 'application/json');
  const eventsOf = async (id: string) =>
    (
      await first.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM verification_event WHERE credential_id = $1',
        [id],
      )
    )[0].n;

  it('shows a revocation made on one replica on the other’s next checks', async () => {
    const { id, verifyUrl } = await issue();
    const link = linkOf(verifyUrl);
    expect((await check(second, link)).body.status).toBe('VALID');
    expect((await check(second, link)).body.status).toBe('VALID');
    const revoked = await first.http
      .post(`/issuer/credentials/${id}/revoke`)
      .set('Authorization', `Bearer ${issuerKey}`)
      .send({ reason: 'test' });
    expect(revoked.status).toBe(200);
    // On the replica that revoked: at once.
    expect((await check(first, link)).body.status).toBe('REVOKED');
    // On the other: as soon as PostgreSQL delivers the commit's notification.
    let status = (await check(second, link)).body.status as string;
    for (let i = 0; i < 50 && status !== 'REVOKED'; i += 1) {
      await new Promise((done) => setTimeout(done, 100));
      status = (await check(second, link)).body.status as string;
    }
    expect(status).toBe('REVOKED');
  });

  it('answers the same JSON with a strong ETag, and 304 to If-None-Match', async () => {
    const { id, verifyUrl } = await issue();
    const link = `${linkOf(verifyUrl)}?country=PE&purpose=EMPLOYMENT`;
    const res = await check(first, link);
    expect(res.status).toBe(200);
    expect(res.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(res.headers['cache-control']).toBe('public, no-cache');
    expect(res.headers.vary).toBe('Accept, Accept-Encoding');
    // Another replica computes the same bytes, so a CDN in front of both sees one ETag.
    expect((await check(second, link)).headers.etag).toBe(res.headers.etag);
    const again = await check(first, link).set('If-None-Match', res.headers.etag);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const fresh = await check(first, link).set('If-None-Match', '"stale"');
    expect(fresh.status).toBe(200);
    // Answered from memory with the same headers as any other answer.
    expect(fresh.headers['x-request-id']).toBeDefined();
    expect(fresh.headers['x-content-type-options']).toBe('nosniff');
    expect(fresh.headers['content-security-policy']).toContain("default-src 'self'");
    expect(fresh.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(fresh.headers.vary).toBe('Accept, Accept-Encoding');
    // A revalidation is a check too: all four are recorded, within a second.
    let events = await eventsOf(id);
    for (let i = 0; i < 50 && events < 4; i += 1) {
      await new Promise((done) => setTimeout(done, 100));
      events = await eventsOf(id);
    }
    expect(events).toBe(4);
    // Compressed as the compression middleware chooses (brotli first), the caller's request id kept.
    const brotli = await check(first, link)
      .set('Accept-Encoding', 'gzip, br')
      .set('X-Request-Id', 'req-123.abc');
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['x-request-id']).toBe('req-123.abc');
    expect(brotli.body).toEqual(res.body);
    const gzip = await check(first, link).set('Accept-Encoding', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.body).toEqual(res.body);
    const suspended = await first.http
      .post(`/issuer/credentials/${id}/suspend`)
      .set('Authorization', `Bearer ${issuerKey}`)
      .send({ reason: 'test' });
    expect(suspended.status).toBe(200);
    const changed = await check(first, link).set('If-None-Match', res.headers.etag);
    expect(changed.status).toBe(200);
    expect(changed.body.status).toBe('SUSPENDED');
    expect(changed.headers.etag).not.toBe(res.headers.etag);
  });

  it('keeps link answers through unrelated issuance; a share revoked or a link turned off shows on the next check', async () => {
    const person = numberedHolder(1, 'CACHE', 'Demo Caché');
    const credential = await issueTo(first, issuerKey, certificateBody({ holder: person }));
    const registered = await registerHolder(
      first,
      person.documents[0],
      credential.claimCode,
      PASSWORD,
    );
    expect(registered.status).toBe(201);
    const owner = asHolder(first, registered.body.accessToken as string);
    const shared = await owner.post('/holder/shares', {
      credentialIds: [credential.id],
      expiresAt: new Date(Date.now() + WEEK_MS).toISOString(),
    });
    expect(shared.status).toBe(201);
    const verifyLink = linkOf(credential.verifyUrl);
    const shareLink = linkOf(shared.body.url as string);
    for (const link of [verifyLink, shareLink]) expect((await check(first, link)).status).toBe(200);

    // Issuing moves the audit head but changes no existing answer: both links are answered from
    // memory at the HTTP server, neither resolved again nor passed to the controller.
    await issue();
    const resolved = jest.spyOn(first.app.get(VerificationAnswersService), 'resolveLink');
    const controller = jest.spyOn(first.app.get(VerifyPageService), 'answer');
    try {
      for (const link of [verifyLink, shareLink]) {
        const res = await check(first, link);
        expect(res.status).toBe(200);
        expect(res.body.status).toBe('VALID');
      }
      expect(resolved).not.toHaveBeenCalled();
      expect(controller).not.toHaveBeenCalled();
    } finally {
      resolved.mockRestore();
      controller.mockRestore();
    }

    expect((await owner.delete(`/holder/shares/${shared.body.id}`)).status).toBe(204);
    expectProblem(await check(first, shareLink), 410, 'SHARE_REVOKED');
    const off = await owner.post(`/holder/credentials/${credential.id}/verify-link`, {
      enabled: false,
    });
    expect(off.status).toBe(200);
    expectProblem(await check(first, verifyLink), 404, 'NOT_FOUND');
  });

  it('answers DID documents with a strong ETag, and 304 to If-None-Match', async () => {
    const { verifiableCredential } = await issue();
    const slug = (verifiableCredential.issuer.id as string).split(':').at(-1)!;
    const res = await first.http.get(`/issuers/${slug}/did.json`);
    expect(res.status).toBe(200);
    expect(res.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(res.body.id).toBe(verifiableCredential.issuer.id);
    const again = await first.http
      .get(`/issuers/${slug}/did.json`)
      .set('If-None-Match', `"other", ${res.headers.etag}`);
    expect(again.status).toBe(304);
  });

  it('writes buffered events in one batch, and a row it cannot write does not lose the others', async () => {
    const { id } = await issue();
    const writer = first.app.get(VerificationEventsWriter);
    const at = new Date('2026-01-02T03:04:05.678Z');
    const row = { shareId: null, at, status: 'VALID' };
    writer.record({ ...row, credentialId: id, country: 'PE', purpose: 'STUDY', outcome: 'X' });
    writer.record({ ...row, credentialId: id, country: null, purpose: null, outcome: null });
    await writer.flush();
    const stored = await first.dataSource.query<Json[]>(
      `SELECT share_id, at, country, purpose, status, outcome FROM verification_event
       WHERE credential_id = $1 AND at = $2 ORDER BY country NULLS LAST`,
      [id, at],
    );
    expect(stored).toEqual([
      { share_id: null, at, country: 'PE', purpose: 'STUDY', status: 'VALID', outcome: 'X' },
      { share_id: null, at, country: null, purpose: null, status: 'VALID', outcome: null },
    ]);
    // A credential that is not there (erased meanwhile) fails the batch; the others are kept.
    const missing = '00000000-0000-4000-8000-000000000000';
    writer.record({ ...row, credentialId: missing, country: null, purpose: null, outcome: null });
    writer.record({ ...row, credentialId: id, country: 'CO', purpose: null, outcome: null });
    await writer.flush();
    expect(
      await first.dataSource.query(
        'SELECT country FROM verification_event WHERE at = $1 AND country = $2',
        [at, 'CO'],
      ),
    ).toEqual([{ country: 'CO' }]);
  });

  it('answers POST /credentials/verify with each status change, on the next verification', async () => {
    const { id, verifiableCredential } = await issue();
    const verify = async (t: TestApp) => {
      const res = await t.http
        .post('/credentials/verify')
        .send({ verifiableCredential, options: { returnProblemDetails: true } });
      expect(res.status).toBe(200);
      return res.body as Json;
    };
    const codes = (body: Json) => (body.problemDetails as Json[]).map((p) => p.code as string);
    const change = async (action: 'suspend' | 'reinstate' | 'revoke') => {
      const res = await first.http
        .post(`/issuer/credentials/${id}/${action}`)
        .set('Authorization', `Bearer ${issuerKey}`)
        .send({ reason: 'test' });
      expect(res.status).toBe(200);
    };
    // Twice each: the second answer comes from what the first kept.
    for (const t of [first, second, first, second]) expect((await verify(t)).verified).toBe(true);

    await change('suspend');
    expect(codes(await verify(first))).toEqual(['SUSPENDED']);
    expect(codes(await verify(first))).toEqual(['SUSPENDED']);
    await change('reinstate');
    const reinstated = await verify(first);
    expect(reinstated.verified).toBe(true);
    expect(reinstated.problemDetails).toEqual([]);
    await change('revoke');
    expect(codes(await verify(first))).toEqual(['REVOKED']);
    // On the other replica: as soon as PostgreSQL delivers the commit's notification.
    let body = await verify(second);
    for (let i = 0; i < 50 && body.verified !== false; i += 1) {
      await new Promise((done) => setTimeout(done, 100));
      body = await verify(second);
    }
    expect(codes(body)).toEqual(['REVOKED']);
  });

  it('writes the events it buffered when it shuts down', async () => {
    const { id, verifyUrl } = await issue();
    const before = await eventsOf(id);
    const third = await startTestApp({
      ...(Object.fromEntries(
        Object.entries(first.config.secrets).filter(([, value]) => typeof value === 'string'),
      ) as Record<string, string>),
      DATABASE_URL: first.config.databaseUrl!,
    });
    for (let i = 0; i < 3; i += 1) expect((await check(third, linkOf(verifyUrl))).status).toBe(200);
    await third.close();
    expect(await eventsOf(id)).toBe(before + 3);
  }, 300_000);
});

describe('link answers from memory, under the rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_RATE_LIMIT_PER_MINUTE: '3' });
  }, 300_000);
  afterAll(() => t.close());

  it('counts repeat checks answered from memory against the client’s limit', async () => {
    const seed = await t.app.get(DemoSeedService).seed();
    const link = `/v/${seed.credentials['jose-cocina'].verifyUrl.split('/v/')[1]}`;
    for (let i = 0; i < 3; i += 1)
      expect((await t.http.get(link).set('Accept', 'application/json')).status).toBe(200);
    expectProblem(await t.http.get(link).set('Accept', 'application/json'), 429, 'RATE_LIMITED');
  });
});
