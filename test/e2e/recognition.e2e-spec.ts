import type { Response } from 'supertest';
import { AppError } from '../../src/common/errors/app-error.js';
import { RecognitionDemoSeeder } from '../../src/modules/recognition/recognition-demo.seeder.js';
import type { CredentialFacts } from '../../src/modules/recognition/recognition-engine.js';
import { RecognitionService } from '../../src/modules/recognition/services/recognition.service.js';
import { asAdmin } from '../helpers/admin.js';
import { expectProblem } from '../helpers/problem.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const DEMO_IDS = [
  'agr-co-pe-titulos-demo',
  'agr-pe-cl-2026-demo',
  'agr-spe-andino-demo',
  'agr-spe-andino-demo-2',
];

const newAgreement = (id: string, overrides: object = {}) => ({
  id,
  name: `Acuerdo ${id} (ficticio)`,
  legalInstrument: 'Memorando DEMO-BR-CO (ficticio)',
  kind: 'BILATERAL',
  directions: [
    { origin: 'CO', destination: 'BR' },
    { origin: 'BR', destination: 'CO' },
  ],
  credentialTypes: ['CompetencyCertificationCredential'],
  metaLevelMin: 1,
  metaLevelMax: 5,
  occupations: ['5120'],
  purposes: ['EMPLOYMENT'],
  mode: 'ON_REQUEST',
  conditions: [{ code: 'MAX_AGE_YEARS', params: { years: 10 } }, { code: 'IDENTITY_VERIFIED' }],
  validFrom: '2026-01-01',
  validTo: '2029-12-31',
  ...overrides,
});

const cookMapping = (overrides: object = {}) => ({
  origin: 'CO',
  destination: 'BR',
  from: { standardId: 'std-co-coc' },
  to: { title: 'Cozinheiro (equivalente demo)' },
  kind: 'FULL',
  ...overrides,
});

const TABLES = [
  'agreement',
  'agreement_direction',
  'agreement_status_change',
  'equivalence_mapping',
  'audit_event',
];

const verified = { status: 'VALID' as const, identityVerified: true, issuerAuthorised: true };

const maria: CredentialFacts = {
  type: 'CompetencyCertificationCredential',
  issuingCountry: 'CO',
  issuerSlug: 'co-ens',
  validFrom: '2022-05-10',
  metaLevel: 3,
  occupation: '5322',
  standardIds: ['std-co-cuid'],
};
const jose: CredentialFacts = {
  type: 'CompetencyCertificationCredential',
  issuingCountry: 'PE',
  issuerSlug: 'pe-ccl-andes',
  validFrom: '2023-03-01',
  validUntil: '2028-03-01',
  metaLevel: 3,
  occupation: '5120',
  standardIds: ['std-pe-coc'],
};
const carlos: CredentialFacts = {
  type: 'CompetencyCertificationCredential',
  issuingCountry: 'EC',
  issuerSlug: 'ec-scp',
  validFrom: '2019-11-20',
  metaLevel: 3,
  occupation: '7411',
  standardIds: ['std-ec-elec'],
};
const anaDecision: CredentialFacts = {
  type: 'RecognitionDecisionCredential',
  issuingCountry: 'CO',
  issuerSlug: 'co-men-demo',
  validFrom: '2023-08-14',
  iscedLevel: 6,
  iscedField: '0913',
  standardIds: [],
  decision: {
    decidingCountry: 'CO',
    outcome: 'GRANTED',
    effects: ['ACADEMIC', 'PROFESSIONAL_PRACTICE'],
    recognisedTitle: 'Enfermera',
    decisionNumber: 'DEMO-RES-2023-0001',
  },
};
const cookFromColombia: CredentialFacts = {
  type: 'CompetencyCertificationCredential',
  issuingCountry: 'CO',
  issuerSlug: 'co-ens',
  validFrom: '2024-02-01',
  metaLevel: 3,
  occupation: '5120',
  standardIds: ['std-co-coc'],
};

describe('recognition agreements', () => {
  let t: TestApp;
  let admin: ReturnType<typeof asAdmin>;
  let recognition: RecognitionService;

  const counts = async () => {
    const result: Record<string, number> = {};
    for (const table of TABLES) {
      const [row] = await t.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM ${table}`,
      );
      result[table] = row.n;
    }
    return result;
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = asAdmin(t);
    recognition = t.app.get(RecognitionService);
  });
  afterAll(() => t.close());

  describe('the demo agreements', () => {
    it('are seeded once, with their mappings and history; a second run adds nothing', async () => {
      const seeder = t.app.get(RecognitionDemoSeeder);
      expect((await seeder.seedDemoAgreements()).created.sort()).toEqual(DEMO_IDS);
      const before = await counts();
      expect(await seeder.seedDemoAgreements()).toEqual({ created: [] });
      expect(await counts()).toEqual(before);
    });

    it('are listed publicly with directions, scope, conditions, mappings and status history', async () => {
      const res = await t.http.get('/recognition/agreements');
      expect(res.status).toBe(200);
      const items = res.body.items as { id: string }[];
      expect(items.map((a) => a.id)).toEqual(DEMO_IDS);

      const peCl = await t.http.get('/recognition/agreements/agr-pe-cl-2026-demo');
      expect(peCl.status).toBe(200);
      expect(peCl.body).toMatchObject({
        kind: 'BILATERAL',
        mode: 'ON_REQUEST',
        directions: [
          { origin: 'CL', destination: 'PE' },
          { origin: 'PE', destination: 'CL' },
        ],
        scope: {
          credentialTypes: ['CompetencyCertificationCredential'],
          purposes: ['EMPLOYMENT'],
        },
        conditions: [
          { code: 'ISSUER_AUTHORISED', hard: true, params: {} },
          { code: 'IDENTITY_VERIFIED', hard: true, params: {} },
        ],
        mappings: [
          {
            origin: 'CL',
            destination: 'PE',
            from: { standardId: 'std-cl-ayc' },
            to: { standardId: 'std-pe-coc' },
            kind: 'PARTIAL',
            missingUnits: ['UC3', 'UC4'],
            conditions: ['GAP_ASSESSMENT'],
          },
          {
            origin: 'PE',
            destination: 'CL',
            from: { standardId: 'std-pe-coc' },
            to: { standardId: 'std-cl-ayc' },
            kind: 'FULL',
            missingUnits: [],
            conditions: [],
          },
        ],
        validFrom: '2026-03-01',
        validTo: '2030-02-28',
        status: 'IN_FORCE',
        statusHistory: [{ from: null, to: 'IN_FORCE', at: '2026-03-01T00:00:00.000Z' }],
      });

      const ended = items.find((a) => a.id === 'agr-spe-andino-demo');
      expect(ended).toMatchObject({
        status: 'TERMINATED',
        inForce: false,
        equivalenceRule: 'SAME_OCCUPATION_SAME_LEVEL',
        scope: { occupations: ['5322', '5120', '7411'], metaLevelMin: 1, metaLevelMax: 4 },
        statusHistory: [
          { from: null, to: 'IN_FORCE', at: '2022-07-01T00:00:00.000Z' },
          { from: 'IN_FORCE', to: 'TERMINATED', at: '2026-01-01T00:00:00.000Z' },
        ],
      });
      expect((ended as unknown as { directions: unknown[] }).directions).toHaveLength(6);
      expect(items.find((a) => a.id === 'agr-co-pe-titulos-demo')).toMatchObject({
        acceptsDecisionsFrom: ['CO'],
        validTo: null,
        fieldRestrictions: [
          {
            iscedFields: ['091', '0421', '011'],
            purposes: ['EMPLOYMENT'],
            condition: 'PROFESSIONAL_LICENCE',
          },
        ],
      });
    });

    it('answers an unknown agreement with 404', async () => {
      expectProblem(await t.http.get('/recognition/agreements/agr-nada'), 404, 'NOT_FOUND');
    });

    it.each<[string, CredentialFacts, string, string, object]>([
      [
        "María's certificate → PE",
        maria,
        'PE',
        'EMPLOYMENT',
        {
          outcome: 'RECOGNISED',
          agreement: { id: 'agr-spe-andino-demo-2' },
          equivalent: { standardId: 'std-pe-cuid' },
        },
      ],
      [
        "José's certificate → CL",
        jose,
        'CL',
        'EMPLOYMENT',
        {
          outcome: 'RECOGNISED',
          agreement: { id: 'agr-pe-cl-2026-demo' },
          equivalent: { standardId: 'std-cl-ayc' },
        },
      ],
      [
        "Ana's CO decision → PE for employment",
        anaDecision,
        'PE',
        'EMPLOYMENT',
        {
          outcome: 'VALID_WITH_CONDITIONS',
          conditions: [{ code: 'PROFESSIONAL_LICENCE' }],
        },
      ],
      [
        "Carlos's certificate → CO",
        carlos,
        'CO',
        'EMPLOYMENT',
        { outcome: 'VALID_NOT_COVERED', reasons: ['ISSUED_AFTER', 'MAX_AGE_YEARS'] },
      ],
    ])(
      'evaluates %s on the seeded agreements',
      async (_name, facts, country, purpose, expected) => {
        const result = await recognition.evaluate({
          facts,
          destinationCountry: country,
          purpose,
          date: '2026-06-01',
          verification: verified,
        });
        expect(result).toMatchObject({ ...expected, rulesVersion: '2026-12-1' });
      },
    );

    it('refuses to evaluate for an unknown country or purpose', async () => {
      const refusal = await recognition
        .evaluate({
          facts: maria,
          destinationCountry: 'XX',
          purpose: 'TOURISM',
          verification: verified,
        })
        .catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(AppError);
      expect(refusal).toMatchObject({
        code: 'INVALID_REFERENCE',
        status: 422,
        errors: [
          { path: 'destinationCountry', message: expect.any(String) },
          { path: 'purpose', message: expect.any(String) },
        ],
      });
    });
  });

  describe('an agreement through its life', () => {
    let mappingId: string;

    it('is created by the admin and listed publicly', async () => {
      const res = await admin.post('/admin/agreements', newAgreement('agr-br-co-test'));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: 'agr-br-co-test',
        status: 'IN_FORCE',
        inForce: true,
        conditions: [
          { code: 'MAX_AGE_YEARS', hard: true, params: { years: 10 } },
          { code: 'IDENTITY_VERIFIED', hard: true, params: {} },
        ],
        mappings: [],
        statusHistory: [{ from: null, to: 'IN_FORCE', actor: 'admin' }],
      });
      const list = await t.http.get('/recognition/agreements');
      expect(list.body.items.map((a: { id: string }) => a.id)).toContain('agr-br-co-test');
    });

    it('gets a mapping, used by the engine; the same mapping twice is a conflict', async () => {
      const res = await admin.post('/admin/agreements/agr-br-co-test/mappings', cookMapping());
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ kind: 'FULL', from: { standardId: 'std-co-coc' } });
      mappingId = res.body.id;
      const answer = await recognition.evaluate({
        facts: cookFromColombia,
        destinationCountry: 'BR',
        purpose: 'EMPLOYMENT',
        verification: verified,
      });
      expect(answer).toMatchObject({
        outcome: 'RECOGNISED',
        agreement: { id: 'agr-br-co-test' },
        equivalent: { title: 'Cozinheiro (equivalente demo)', mappingId },
      });

      const before = await counts();
      expectProblem(
        await admin.post('/admin/agreements/agr-br-co-test/mappings', cookMapping()),
        409,
        'CONFLICT',
      );
      expect(await counts()).toEqual(before);
    });

    it('is renamed and given an end date', async () => {
      const res = await admin.patch('/admin/agreements/agr-br-co-test', {
        name: 'Acuerdo Brasil–Colombia (ficticio, enmendado)',
        validTo: '2030-12-31',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        name: 'Acuerdo Brasil–Colombia (ficticio, enmendado)',
        validTo: '2030-12-31',
        status: 'IN_FORCE',
      });
    });

    it('is suspended with a reason, and answers for today say so', async () => {
      const res = await admin.patch('/admin/agreements/agr-br-co-test', {
        status: 'SUSPENDED',
        reason: 'Revisión bilateral',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'SUSPENDED', inForce: false });
      expect(res.body.statusHistory.at(-1)).toMatchObject({
        from: 'IN_FORCE',
        to: 'SUSPENDED',
        reason: 'Revisión bilateral',
        actor: 'admin',
      });
      const answer = await recognition.evaluate({
        facts: cookFromColombia,
        destinationCountry: 'BR',
        purpose: 'EMPLOYMENT',
        verification: verified,
      });
      expect(answer).toMatchObject({
        outcome: 'AGREEMENT_SUSPENDED',
        agreement: { id: 'agr-br-co-test' },
      });
      // An earlier date was before the suspension: the history decides, not today's status.
      const before = await recognition.evaluate({
        facts: cookFromColombia,
        destinationCountry: 'BR',
        purpose: 'EMPLOYMENT',
        date: '2026-06-01',
        verification: verified,
      });
      expect(before.outcome).toBe('RECOGNISED');
      expectProblem(
        await admin.patch('/admin/agreements/agr-br-co-test', { status: 'SUSPENDED', reason: 'x' }),
        409,
        'INVALID_STATUS_TRANSITION',
      );
    });

    it('is reinstated, then terminated for good', async () => {
      await admin.patch('/admin/agreements/agr-br-co-test', {
        status: 'IN_FORCE',
        reason: 'Revisión concluida',
      });
      const res = await admin.patch('/admin/agreements/agr-br-co-test', {
        status: 'TERMINATED',
        reason: 'Sustituido',
      });
      expect(res.status).toBe(200);
      expect(
        res.body.statusHistory.map((c: { to: string; reason: string }) => `${c.to}:${c.reason}`),
      ).toEqual([
        'IN_FORCE:recorded in the registry',
        'SUSPENDED:Revisión bilateral',
        'IN_FORCE:Revisión concluida',
        'TERMINATED:Sustituido',
      ]);
      expectProblem(
        await admin.patch('/admin/agreements/agr-br-co-test', {
          status: 'IN_FORCE',
          reason: 'undo',
        }),
        409,
        'INVALID_STATUS_TRANSITION',
      );
    });

    it('loses its mapping; a second removal is 404', async () => {
      const url = `/admin/agreements/agr-br-co-test/mappings/${mappingId}`;
      expect((await admin.delete(url)).status).toBe(204);
      expectProblem(await admin.delete(url), 404, 'NOT_FOUND');
      const res = await t.http.get('/recognition/agreements/agr-br-co-test');
      expect(res.body.mappings).toEqual([]);
    });

    it('leaves every change in an intact audit chain', async () => {
      const verify = await admin.get('/admin/audit/verify');
      expect(verify.status).toBe(200);
      expect(verify.body).toMatchObject({ intact: true });
      const entries = await t.dataSource.query<{ action: string }[]>(
        "SELECT action FROM audit_event WHERE subject = 'agreement:agr-br-co-test' ORDER BY seq",
      );
      expect(entries.map((e) => e.action)).toEqual([
        'agreement.created',
        'agreement.mapping_added',
        'agreement.updated',
        'agreement.status_changed',
        'agreement.status_changed',
        'agreement.status_changed',
        'agreement.mapping_removed',
      ]);
    });
  });

  describe('refusals, with nothing stored', () => {
    let issuerKey: string;

    beforeAll(async () => {
      await admin.post('/admin/issuers', {
        slug: 'br-test-issuer',
        legalName: 'Emissor de teste (fictício)',
        country: 'BR',
        kinds: ['CERTIFYING_BODY'],
      });
      issuerKey = (await admin.post('/admin/issuers/br-test-issuer/api-keys', {})).body.apiKey;
    });

    const refused = async (
      send: () => Promise<Response>,
      status: number,
      code: string,
      path?: string,
    ) => {
      const before = await counts();
      const res = await send();
      expectProblem(res, status, code);
      if (path) {
        expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      }
      expect(await counts()).toEqual(before);
    };

    it('401 without a token, 403 with an issuer key', async () => {
      await refused(
        () => t.http.post('/admin/agreements').send(newAgreement('agr-no-token')),
        401,
        'UNAUTHORIZED',
      );
      await refused(
        () =>
          t.http
            .post('/admin/agreements')
            .set('Authorization', `Bearer ${issuerKey}`)
            .send(newAgreement('agr-issuer')),
        403,
        'FORBIDDEN',
      );
      await refused(
        () => t.http.patch('/admin/agreements/agr-pe-cl-2026-demo').send({ name: 'x' }),
        401,
        'UNAUTHORIZED',
      );
    });

    it('400 for a malformed body, naming the fields', async () => {
      await refused(() => admin.post('/admin/agreements', {}), 400, 'VALIDATION_FAILED', 'id');
      await refused(
        () => admin.post('/admin/agreements', newAgreement('agr-bad', { purposes: ['TOURISM'] })),
        400,
        'VALIDATION_FAILED',
        'purposes',
      );
      await refused(
        () =>
          admin.post(
            '/admin/agreements',
            newAgreement('agr-bad', { directions: [{ origin: 'CO' }] }),
          ),
        400,
        'VALIDATION_FAILED',
        'directions.0.destination',
      );
      await refused(
        () => admin.patch('/admin/agreements/agr-pe-cl-2026-demo', { status: 'SUSPENDED' }),
        400,
        'VALIDATION_FAILED',
        'reason',
      );
    });

    it.each<[string, object, string]>([
      [
        'an unknown country',
        { directions: [{ origin: 'CO', destination: 'XX' }] },
        'directions.0.destination',
      ],
      [
        'the same country both ways',
        { directions: [{ origin: 'CO', destination: 'CO' }] },
        'directions.0.destination',
      ],
      ['an unknown standard', { standards: ['std-nada'] }, 'standards.0'],
      ['an unknown meta level', { metaLevelMax: 9 }, 'metaLevelMax'],
      ['an inverted level range', { metaLevelMin: 4, metaLevelMax: 2 }, 'metaLevelMax'],
      ['an unknown occupation', { occupations: ['9999'] }, 'occupations.0'],
      ['an unknown credential type', { credentialTypes: ['Diploma'] }, 'credentialTypes.0'],
      [
        'ISSUED_AFTER without its date',
        { conditions: [{ code: 'ISSUED_AFTER' }] },
        'conditions.0.params.date',
      ],
      ['an unknown deciding country', { acceptsDecisionsFrom: ['ZZ'] }, 'acceptsDecisionsFrom.0'],
    ])('422 INVALID_REFERENCE for %s', async (_name, overrides, path) => {
      await refused(
        () => admin.post('/admin/agreements', newAgreement('agr-bad', overrides)),
        422,
        'INVALID_REFERENCE',
        path,
      );
    });

    it('422 INVALID_DATE_RANGE for an agreement that ends before it starts', async () => {
      await refused(
        () => admin.post('/admin/agreements', newAgreement('agr-bad', { validTo: '2025-12-31' })),
        422,
        'INVALID_DATE_RANGE',
        'validTo',
      );
      await refused(
        () => admin.patch('/admin/agreements/agr-pe-cl-2026-demo', { validTo: '2026-01-01' }),
        422,
        'INVALID_DATE_RANGE',
        'validTo',
      );
    });

    it('409 for an id that exists', async () => {
      await refused(
        () => admin.post('/admin/agreements', newAgreement('agr-pe-cl-2026-demo')),
        409,
        'SLUG_TAKEN',
      );
    });

    it('404 for an unknown agreement or mapping', async () => {
      await refused(
        () => admin.patch('/admin/agreements/agr-nada', { name: 'x' }),
        404,
        'NOT_FOUND',
      );
      await refused(
        () => admin.post('/admin/agreements/agr-nada/mappings', cookMapping()),
        404,
        'NOT_FOUND',
      );
      await refused(
        () => admin.delete('/admin/agreements/agr-pe-cl-2026-demo/mappings/not-a-uuid'),
        404,
        'NOT_FOUND',
      );
      await refused(
        () =>
          admin.delete(
            '/admin/agreements/agr-pe-cl-2026-demo/mappings/00000000-0000-4000-8000-000000000000',
          ),
        404,
        'NOT_FOUND',
      );
    });

    it.each<[string, object, string]>([
      ['a direction the agreement lacks', { origin: 'CO', destination: 'CL' }, 'destination'],
      [
        'an unknown standard',
        { from: { standardId: 'std-nada' }, to: { standardId: 'std-cl-ayc' } },
        'from.standardId',
      ],
      [
        'a standard of another country',
        { from: { standardId: 'std-co-coc' }, to: { standardId: 'std-cl-ayc' } },
        'from.standardId',
      ],
      [
        'a missing unit the standard does not have',
        {
          from: { standardId: 'std-cl-ayc' },
          to: { standardId: 'std-pe-coc' },
          origin: 'CL',
          destination: 'PE',
          kind: 'PARTIAL',
          missingUnits: ['UC9'],
        },
        'missingUnits.0',
      ],
      ['nothing to map from', { from: {}, to: { standardId: 'std-cl-ayc' } }, 'from'],
    ])('422 for a mapping with %s', async (_name, overrides, path) => {
      await refused(
        () =>
          admin.post(
            '/admin/agreements/agr-pe-cl-2026-demo/mappings',
            cookMapping({
              origin: 'PE',
              destination: 'CL',
              from: { standardId: 'std-pe-cuid' },
              to: { standardId: 'std-cl-ayc' },
              ...overrides,
            }),
          ),
        422,
        'INVALID_REFERENCE',
        path,
      );
    });
  });
});
