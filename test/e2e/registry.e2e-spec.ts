import { asAdmin, registryCounts } from '../helpers/admin.js';
import { expectProblem } from '../helpers/problem.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const newIssuer = (slug: string, overrides: object = {}) => ({
  slug,
  legalName: `Instituto ${slug} (ficticio)`,
  country: 'PE',
  kinds: ['CERTIFYING_BODY'],
  ...overrides,
});

const accreditation = (overrides: object = {}) => ({
  credentialTypes: ['CompetencyCertificationCredential'],
  framework: 'PE-MNC',
  minLevel: 1,
  maxLevel: 4,
  occupations: ['5120'],
  validFrom: '2024-01-01',
  validUntil: '2028-12-31',
  accreditedBy: 'pe-dcl',
  legalReference: 'Resolución DEMO-1',
  ...overrides,
});

describe('trust registry', () => {
  let t: TestApp;
  let admin: ReturnType<typeof asAdmin>;
  beforeAll(async () => {
    t = await startTestApp();
    admin = asAdmin(t);
  });
  afterAll(() => t.close());

  describe('an issuer through its life', () => {
    it('is created with a did:web and a first key, published in its DID document', async () => {
      const res = await admin.post('/admin/issuers', newIssuer('pe-life'));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        slug: 'pe-life',
        status: 'ACTIVE',
        did: 'did:web:localhost%3A3000:issuers:pe-life',
        keys: [{ keyId: 'key-1', status: 'ACTIVE' }],
        statusHistory: [{ from: null, to: 'ACTIVE', actor: 'admin' }],
      });
      expect(JSON.stringify(res.body)).not.toMatch(/sealed|secretKey/i);

      const doc = await t.http.get('/issuers/pe-life/did.json');
      expect(doc.status).toBe(200);
      expect(doc.body).toMatchObject({
        id: res.body.did,
        verificationMethod: [
          {
            id: `${res.body.did}#key-1`,
            type: 'Multikey',
            controller: res.body.did,
            publicKeyMultibase: res.body.keys[0].publicKeyMultibase,
          },
        ],
        assertionMethod: [`${res.body.did}#key-1`],
      });
    });

    it('is accredited, and the trust list shows it', async () => {
      const res = await admin.post('/admin/issuers/pe-life/accreditations', accreditation());
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ framework: 'PE-MNC', jurisdiction: ['PE'], current: true });
      const entry = await t.http.get('/registry/issuers/pe-life');
      expect(entry.body.accreditations).toEqual([expect.objectContaining({ id: res.body.id })]);

      const ended = await admin.post(`/admin/issuers/pe-life/accreditations/${res.body.id}/end`, {
        reason: 'replaced',
        validUntil: '2025-12-31',
      });
      expect(ended.status).toBe(200);
      expect(ended.body).toMatchObject({
        validUntil: '2025-12-31',
        current: false,
        endReason: 'replaced',
      });
      const after = await t.http.get('/registry/issuers/pe-life');
      expect(after.body.accreditations).toHaveLength(1);
      expect(after.body.accreditations[0].current).toBe(false);
    });

    it('rotates its key, keeping the old one published', async () => {
      const res = await admin.post('/admin/issuers/pe-life/keys/rotate');
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ keyId: 'key-2', status: 'ACTIVE' });
      const doc = await t.http.get('/issuers/pe-life/did.json');
      expect(doc.body.verificationMethod.map((vm: { id: string }) => vm.id.split('#')[1])).toEqual([
        'key-1',
        'key-2',
      ]);
      const entry = await t.http.get('/registry/issuers/pe-life');
      expect(entry.body.keys.map((k: { status: string }) => k.status)).toEqual([
        'RETIRED',
        'ACTIVE',
      ]);
    });

    it('loses a compromised key from its DID document for good', async () => {
      const res = await admin.post('/admin/issuers/pe-life/keys/key-1/compromised', {
        reason: 'laptop stolen',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ keyId: 'key-1', status: 'COMPROMISED' });
      const doc = await t.http.get('/issuers/pe-life/did.json');
      expect(doc.body.verificationMethod.map((vm: { id: string }) => vm.id.split('#')[1])).toEqual([
        'key-2',
      ]);
      expectProblem(
        await admin.post('/admin/issuers/pe-life/keys/key-1/compromised', { reason: 'again' }),
        409,
        'INVALID_STATUS_TRANSITION',
      );
    });

    it('gets a new active key when the active one is compromised', async () => {
      await admin.post('/admin/issuers/pe-life/keys/key-2/compromised', { reason: 'leak' });
      const entry = await t.http.get('/registry/issuers/pe-life');
      expect(
        entry.body.keys.map((k: { keyId: string; status: string }) => `${k.keyId}:${k.status}`),
      ).toEqual(['key-1:COMPROMISED', 'key-2:COMPROMISED', 'key-3:ACTIVE']);
    });

    it('is suspended, reinstated and closed, with the history of who, when and why', async () => {
      const suspended = await admin.patch('/admin/issuers/pe-life', {
        status: 'SUSPENDED',
        reason: 'audit',
      });
      expect(suspended.status).toBe(200);
      await admin.patch('/admin/issuers/pe-life', { status: 'ACTIVE', reason: 'audit passed' });
      await admin.patch('/admin/issuers/pe-life', { status: 'CLOSED', reason: 'merged' });
      const entry = await t.http.get('/registry/issuers/pe-life');
      expect(entry.body.status).toBe('CLOSED');
      expect(
        entry.body.statusHistory.map((c: { to: string; reason: string }) => `${c.to}:${c.reason}`),
      ).toEqual(['ACTIVE:registered', 'SUSPENDED:audit', 'ACTIVE:audit passed', 'CLOSED:merged']);
      expectProblem(
        await admin.patch('/admin/issuers/pe-life', { status: 'ACTIVE', reason: 'undo' }),
        409,
        'INVALID_STATUS_TRANSITION',
      );
    });
  });

  describe('API keys', () => {
    let keyId: string;
    let apiKey: string;

    beforeAll(async () => {
      await admin.post('/admin/issuers', newIssuer('pe-keys'));
      const res = await admin.post('/admin/issuers/pe-keys/api-keys', { label: 'batch system' });
      expect(res.status).toBe(201);
      ({ id: keyId, apiKey } = res.body as { id: string; apiKey: string });
    });

    it('is shown once with a recognisable prefix and stored only as a hash', async () => {
      expect(apiKey).toMatch(/^rck_[A-Za-z0-9_-]{43}$/);
      const list = await admin.get('/admin/issuers/pe-keys/api-keys');
      expect(list.body).toEqual([
        expect.objectContaining({ id: keyId, label: 'batch system', revokedAt: null }),
      ]);
      expect(JSON.stringify(list.body)).not.toContain(apiKey);
      const rows = await t.dataSource.query<object[]>('SELECT * FROM api_key WHERE id = $1', [
        keyId,
      ]);
      expect(JSON.stringify(rows)).not.toContain(apiKey.slice(4));
    });

    it('authenticates the issuer, and is refused while the issuer is suspended or closed', async () => {
      const me = () => t.http.get('/issuer/me').set('Authorization', `Bearer ${apiKey}`);
      expect((await me()).body).toMatchObject({ slug: 'pe-keys' });

      await admin.patch('/admin/issuers/pe-keys', { status: 'SUSPENDED', reason: 'check' });
      expectProblem(await me(), 403, 'ISSUER_SUSPENDED');
      await admin.patch('/admin/issuers/pe-keys', { status: 'ACTIVE', reason: 'ok' });
      expect((await me()).status).toBe(200);
    });

    it('is refused on admin routes with 403', async () => {
      const res = await t.http.get('/admin/audit').set('Authorization', `Bearer ${apiKey}`);
      expectProblem(res, 403, 'FORBIDDEN');
    });

    it('stops working when revoked', async () => {
      expect((await admin.delete(`/admin/issuers/pe-keys/api-keys/${keyId}`)).status).toBe(204);
      const res = await t.http.get('/issuer/me').set('Authorization', `Bearer ${apiKey}`);
      expectProblem(res, 401, 'UNAUTHORIZED');
      expectProblem(
        await admin.delete(`/admin/issuers/pe-keys/api-keys/${keyId}`),
        409,
        'CONFLICT',
      );
    });

    it('of a closed issuer is refused with ISSUER_CLOSED', async () => {
      const { body } = await admin.post('/admin/issuers/pe-keys/api-keys', {});
      await admin.patch('/admin/issuers/pe-keys', { status: 'CLOSED', reason: 'end' });
      const res = await t.http
        .get('/issuer/me')
        .set('Authorization', `Bearer ${(body as { apiKey: string }).apiKey}`);
      expectProblem(res, 403, 'ISSUER_CLOSED');
    });
  });

  describe('bad input changes nothing', () => {
    beforeAll(async () => {
      await admin.post('/admin/issuers', newIssuer('pe-base'));
    });

    const refusals: [
      string,
      () => Promise<import('supertest').Response>,
      number,
      string,
      string?,
    ][] = [];
    const refuse = (
      name: string,
      call: () => Promise<import('supertest').Response>,
      status: number,
      code: string,
      field?: string,
    ) => refusals.push([name, call, status, code, field]);

    refuse(
      'no token',
      () => t.http.post('/admin/issuers').send(newIssuer('pe-x')),
      401,
      'UNAUTHORIZED',
    );
    refuse(
      'a wrong token',
      () =>
        t.http.post('/admin/issuers').set('Authorization', 'Bearer nope').send(newIssuer('pe-x')),
      401,
      'UNAUTHORIZED',
    );
    refuse(
      'a duplicate slug',
      () => admin.post('/admin/issuers', newIssuer('pe-base')),
      409,
      'SLUG_TAKEN',
    );
    refuse(
      'an unknown country',
      () => admin.post('/admin/issuers', newIssuer('pe-x', { country: 'XX' })),
      422,
      'INVALID_REFERENCE',
      'country',
    );
    refuse(
      'an unknown parent',
      () => admin.post('/admin/issuers', newIssuer('pe-x', { parent: 'nobody' })),
      422,
      'INVALID_REFERENCE',
      'parent',
    );
    refuse(
      'an unknown field',
      () => admin.post('/admin/issuers', { ...newIssuer('pe-x'), colour: 'red' }),
      400,
      'VALIDATION_FAILED',
      'colour',
    );
    refuse(
      'a bad slug',
      () => admin.post('/admin/issuers', newIssuer('PE X')),
      400,
      'VALIDATION_FAILED',
      'slug',
    );
    refuse(
      'an unknown kind',
      () => admin.post('/admin/issuers', newIssuer('pe-x', { kinds: ['WIZARD'] })),
      400,
      'VALIDATION_FAILED',
      'kinds',
    );
    refuse(
      'an unknown issuer slug',
      () => admin.patch('/admin/issuers/nobody', { legalName: 'x' }),
      404,
      'NOT_FOUND',
    );
    refuse(
      'a status change without reason',
      () => admin.patch('/admin/issuers/pe-base', { status: 'SUSPENDED' }),
      400,
      'VALIDATION_FAILED',
      'reason',
    );
    refuse(
      'an unknown credential type',
      () =>
        admin.post(
          '/admin/issuers/pe-base/accreditations',
          accreditation({ credentialTypes: ['DriverLicence'] }),
        ),
      422,
      'INVALID_REFERENCE',
      'credentialTypes.0',
    );
    refuse(
      'an unknown framework',
      () =>
        admin.post('/admin/issuers/pe-base/accreditations', accreditation({ framework: 'XX-NQF' })),
      422,
      'INVALID_REFERENCE',
      'framework',
    );
    refuse(
      'a level outside the framework',
      () =>
        admin.post(
          '/admin/issuers/pe-base/accreditations',
          accreditation({ framework: 'CL-MCTP', maxLevel: 7 }),
        ),
      422,
      'INVALID_REFERENCE',
      'maxLevel',
    );
    refuse(
      'an unknown occupation',
      () =>
        admin.post(
          '/admin/issuers/pe-base/accreditations',
          accreditation({ occupations: ['0000'] }),
        ),
      422,
      'INVALID_REFERENCE',
      'occupations.0',
    );
    refuse(
      'validUntil before validFrom',
      () =>
        admin.post(
          '/admin/issuers/pe-base/accreditations',
          accreditation({ validFrom: '2025-01-01', validUntil: '2024-01-01' }),
        ),
      422,
      'INVALID_DATE_RANGE',
      'validUntil',
    );
    refuse(
      'a malformed date',
      () =>
        admin.post(
          '/admin/issuers/pe-base/accreditations',
          accreditation({ validFrom: '01/01/2025' }),
        ),
      400,
      'VALIDATION_FAILED',
      'validFrom',
    );
    refuse(
      'an accreditation for an unknown issuer',
      () => admin.post('/admin/issuers/nobody/accreditations', accreditation()),
      404,
      'NOT_FOUND',
    );
    refuse(
      'ending an unknown accreditation',
      () =>
        admin.post(
          '/admin/issuers/pe-base/accreditations/00000000-0000-0000-0000-000000000000/end',
          { reason: 'x' },
        ),
      404,
      'NOT_FOUND',
    );
    refuse(
      'compromising an unknown key',
      () => admin.post('/admin/issuers/pe-base/keys/key-9/compromised', { reason: 'x' }),
      404,
      'NOT_FOUND',
    );
    refuse(
      'revoking an unknown API key',
      () => admin.delete('/admin/issuers/pe-base/api-keys/not-a-uuid'),
      404,
      'NOT_FOUND',
    );
    refuse(
      'a DID document of an unknown issuer',
      () => t.http.get('/issuers/nobody/did.json'),
      404,
      'NOT_FOUND',
    );
    refuse(
      'an unknown trust-list entry',
      () => t.http.get('/registry/issuers/nobody'),
      404,
      'NOT_FOUND',
    );

    it.each(refusals.map(([name, ...rest]) => [name, ...rest] as const))(
      'refuses %s',
      async (_name, call, status, code, field) => {
        const before = await registryCounts(t);
        const res = await call();
        expectProblem(res, status, code);
        if (field) expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
        expect(await registryCounts(t)).toEqual(before);
      },
    );
  });

  describe('audit log', () => {
    it('records every change, pages through them, and the chain verifies', async () => {
      const first = await admin.get('/admin/audit?limit=5');
      expect(first.status).toBe(200);
      expect(first.body.items).toHaveLength(5);
      expect(first.body.items[0]).toMatchObject({
        seq: '1',
        action: 'issuer.created',
        actor: 'admin',
      });
      const next = await admin.get(`/admin/audit?after=${first.body.next}&limit=500`);
      const actions = new Set(
        [...first.body.items, ...next.body.items].map((e: { action: string }) => e.action),
      );
      for (const action of [
        'issuer.created',
        'key.created',
        'key.rotated',
        'key.compromised',
        'accreditation.created',
        'accreditation.ended',
        'issuer.status_changed',
        'api_key.created',
        'api_key.revoked',
      ]) {
        expect(actions).toContain(action);
      }
      const verify = await admin.get('/admin/audit/verify');
      expect(verify.body).toMatchObject({ intact: true });
      expect(verify.body.entries).toBe(first.body.items.length + next.body.items.length);
    });

    it('cannot be rewritten, even with SQL', async () => {
      await expect(t.dataSource.query("UPDATE audit_event SET actor = 'mallory'")).rejects.toThrow(
        /append-only/,
      );
      await expect(t.dataSource.query('DELETE FROM audit_event')).rejects.toThrow(/append-only/);
    });
  });
});
