import canonicalize from 'canonicalize';
import { DemoSeedService } from '../../src/modules/demo/demo-seed.service.js';
import { digestMultibaseOf } from '../../src/modules/recognition-cases/decision-credential.js';
import { asIssuer, issuerApiKey } from '../helpers/admin.js';
import {
  certificateBody,
  conditionalDecisionBody,
  fakePdfBase64,
  openCaseBody,
  tinyPdfBase64,
  venezuelanTitleBody,
  type TestHolder,
} from '../helpers/bodies.js';
import { asHolder, issueTo, registerHolder } from '../helpers/holders.js';
import { outsideVerifier } from '../helpers/outside-verifier.js';
import { expectProblem } from '../helpers/problem.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const PASSWORD = 'mi perro se llama Toby 2019';

// Rafael: a Venezuelan nurse in Colombia whose title was never apostilled.
const rafael = (): TestHolder => ({
  documents: [
    { type: 'PPT', country: 'CO', number: 'DEMO-PPT-4242' },
    { type: 'CEDULA', country: 'VE', number: 'V-00004242' },
  ],
  givenNames: 'Rafael',
  familyNames: 'Demo Úrsula',
});
// Bruno: another holder, who must see nothing of Rafael's case.
const bruno = (): TestHolder => ({
  documents: [{ type: 'PPT', country: 'CO', number: 'DEMO-PPT-4343' }],
  givenNames: 'Bruno',
  familyNames: 'Demo Salas',
});

describe('recognition cases: a migrant asks, an authority decides, the decision travels', () => {
  let t: TestApp;
  let men: string; // co-men-demo, Colombia's authority
  let sru: string; // pe-sru, another authority
  let coEns: string; // a certifying body, not an authority
  let holder: ReturnType<typeof asHolder>;
  let other: ReturnType<typeof asHolder>;
  let titleId: string;
  let caseId: string;

  const apiKey = (slug: string) => issuerApiKey(t, slug);
  const as = (key: string) => asIssuer(t, key);
  const count = async (table: string) =>
    (await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  beforeAll(async () => {
    t = await startTestApp();
    coEns = (await t.app.get(DemoSeedService).seed()).apiKey!.key;
    [men, sru] = [await apiKey('co-men-demo'), await apiKey('pe-sru')];
    const ve = await apiKey('ve-unc');
    const title = await issueTo(t, ve, venezuelanTitleBody(rafael()));
    titleId = title.id;
    const registered = await registerHolder(t, rafael().documents[0], title.claimCode, PASSWORD);
    holder = asHolder(t, registered.body.accessToken);
    const brunos = await issueTo(t, coEns, certificateBody({ holder: bruno() }));
    const otherRegistered = await registerHolder(
      t,
      bruno().documents[0],
      brunos.claimCode,
      PASSWORD,
    );
    other = asHolder(t, otherRegistered.body.accessToken);
  }, 180_000);
  afterAll(() => t?.close());

  it('publishes each country’s procedure with its competent authorities', async () => {
    const res = await t.http.get('/recognition/procedures');
    expect(res.status).toBe(200);
    const byCountry = Object.fromEntries(
      (res.body as { country: string; authorities: unknown[] }[]).map((p) => [p.country, p]),
    );
    expect(byCountry.CO).toMatchObject({
      dayCount: 'CALENDAR',
      silence: 'NEGATIVE',
      authorities: [{ slug: 'co-men-demo' }],
    });
    expect(byCountry.PE).toMatchObject({ dayCount: 'BUSINESS', authorities: [{ slug: 'pe-sru' }] });
    expect(byCountry.EC.authorities).toEqual([expect.objectContaining({ slug: 'ec-sres' })]);
  });

  describe('refused openings store nothing', () => {
    it.each([
      ['an unknown country', { destinationCountry: 'ZZ' }, 422, 'INVALID_REFERENCE'],
      ['a route the country has not', { route: 'TREATY' }, 422, 'INVALID_REFERENCE'],
      ['an unknown legalisation', { legalisation: 'STAMPED' }, 400, 'VALIDATION_FAILED'],
      [
        'a text file named .pdf',
        { files: [{ filename: 'titulo.pdf', contentBase64: fakePdfBase64() }] },
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'a file name with a path',
        { files: [{ filename: '../x.pdf', contentBase64: tinyPdfBase64() }] },
        400,
        'VALIDATION_FAILED',
      ],
    ])('%s', async (_name, overrides, status, code) => {
      const res = await holder.post('/holder/cases', openCaseBody([titleId], overrides));
      expectProblem(res, status, code);
      expect(await count('recognition_case')).toBe(0);
      expect(await count('recognition_case_file')).toBe(0);
    });

    it("another holder's credential is unknown", async () => {
      expectProblem(await other.post('/holder/cases', openCaseBody([titleId])), 404, 'NOT_FOUND');
      expect(await count('recognition_case')).toBe(0);
    });

    it('an anonymous caller cannot open one', async () => {
      const res = await t.http.post('/holder/cases').send(openCaseBody([titleId]));
      expectProblem(res, 401, 'UNAUTHORIZED');
    });
  });

  it('the holder opens a case with route NONE: evidence, pre-assessment and deadline attached', async () => {
    const res = await holder.post('/holder/cases', openCaseBody([titleId]));
    expect(res.status).toBe(201);
    caseId = res.body.id;
    expect(res.body).toMatchObject({
      status: 'SUBMITTED',
      authority: { slug: 'co-men-demo', country: 'CO' },
      route: 'ACADEMIC_EVALUATION',
      legalisation: 'NONE',
      evidence: {
        credentials: [{ id: titleId, verified: true, status: 'VALID' }],
        // Nothing links Venezuela to Colombia: the engine alone cannot recognise it.
        preAssessment: { credentialId: titleId, outcome: 'VALID_NOT_COVERED' },
      },
      term: {
        dayCount: 'CALENDAR',
        termDays: 180,
        overdue: false,
        paused: false,
        silence: 'NEGATIVE',
        silenceNow: null,
      },
      messages: [{ author: 'HOLDER', kind: 'STATEMENT' }],
    });
    expect(res.body.term.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('another holder, another authority, a certifying body and an anonymous caller see nothing', async () => {
    expectProblem(await other.get(`/holder/cases/${caseId}`), 404, 'NOT_FOUND');
    expect((await other.get('/holder/cases')).body).toEqual([]);
    expectProblem(await as(sru).get(`/authority/cases/${caseId}`), 404, 'NOT_FOUND');
    expect((await as(sru).get('/authority/cases')).body).toEqual([]);
    expectProblem(
      await as(sru).post(`/authority/cases/${caseId}/info-requests`, { message: '¿?' }),
      404,
      'NOT_FOUND',
    );
    expectProblem(await as(coEns).get(`/authority/cases/${caseId}`), 403, 'FORBIDDEN');
    const anonymous = await t.http.get(`/holder/cases/${caseId}`);
    expectProblem(anonymous, 401, 'UNAUTHORIZED');
    expect(anonymous.text).not.toContain(titleId);
    expectProblem(await t.http.get(`/authority/cases/${caseId}`), 401, 'UNAUTHORIZED');
  });

  it('the authority finds it in its queue and asks for information: the clock stops', async () => {
    const queue = await as(men).get('/authority/cases');
    expect(queue.body.map((c: { id: string }) => c.id)).toEqual([caseId]);
    const res = await as(men).post(`/authority/cases/${caseId}/info-requests`, {
      message: 'Adjunte el plan de estudios.',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'INFO_REQUESTED',
      term: { paused: true, deadline: null },
    });
    expectProblem(
      await as(men).post(`/authority/cases/${caseId}/review`),
      409,
      'INVALID_STATUS_TRANSITION',
    );
  });

  it('the holder answers with a file; the authority reads it, no one else', async () => {
    const res = await holder.post(`/holder/cases/${caseId}/answers`, {
      message: 'Adjunto el plan de estudios.',
      files: [{ filename: 'plan de estudios.pdf', contentBase64: tinyPdfBase64() }],
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('IN_REVIEW');
    expect(res.body.term.paused).toBe(false);
    const answer = res.body.messages.find((m: { kind: string }) => m.kind === 'ANSWER');
    expect(answer.files).toEqual([
      expect.objectContaining({ contentType: 'application/pdf', filename: 'plan de estudios.pdf' }),
    ]);
    const fileUrl = `/authority/cases/${caseId}/files/${answer.files[0].id}`;
    const file = await as(men).get(fileUrl).buffer(true);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(Buffer.from(file.body as Buffer).toString('base64')).toBe(tinyPdfBase64());
    expectProblem(await as(sru).get(fileUrl), 404, 'NOT_FOUND');
    expectProblem(
      await other.get(`/holder/cases/${caseId}/files/${answer.files[0].id}`),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await holder.post(`/holder/cases/${caseId}/answers`, { message: 'otra vez' }),
      409,
      'INVALID_STATUS_TRANSITION',
    );
  });

  it('an incomplete decision is refused and issues nothing', async () => {
    const before = await count('credential');
    const res = await as(men).post(
      `/authority/cases/${caseId}/decision`,
      conditionalDecisionBody({ conditions: [] }),
    );
    expectProblem(res, 422, 'UNPROCESSABLE');
    expect(await count('credential')).toBe(before);
    expect((await holder.get(`/holder/cases/${caseId}`)).body.status).toBe('IN_REVIEW');
  });

  let decisionId: string;
  let decision: Record<string, unknown>;

  it('the authority decides RECOGNISED_WITH_CONDITIONS: the credential lands in the holder’s records', async () => {
    const res = await as(men).post(
      `/authority/cases/${caseId}/decision`,
      conditionalDecisionBody(),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'DECIDED',
      decision: {
        outcome: 'RECOGNISED_WITH_CONDITIONS',
        decisionNumber: 'DEMO-RES-2026-0042',
        assuranceLevel: 'REGISTRY_VERIFIED',
        conditions: [{ kind: 'EXAM' }],
      },
      precedents: [],
    });
    decisionId = res.body.decisionCredentialId;
    const records = await holder.get('/holder/credentials');
    expect(records.body).toContainEqual(
      expect.objectContaining({ id: decisionId, type: 'RecognitionDecisionCredential' }),
    );
    decision = (await holder.get(`/holder/credentials/${decisionId}`)).body;
    expect(await holder.get(`/holder/cases/${caseId}`)).toMatchObject({
      body: { status: 'DECIDED', decisionCredentialId: decisionId },
    });
    expectProblem(
      await as(men).post(`/authority/cases/${caseId}/decision`, conditionalDecisionBody()),
      409,
      'INVALID_STATUS_TRANSITION',
    );
  });

  it('the decision carries the route, the legalisation, the assurance level and a digest-bound link', async () => {
    const title = await holder.get(`/holder/credentials/${titleId}`).buffer(true);
    const titleText = Buffer.isBuffer(title.body) ? title.body.toString() : title.text;
    const titleDocument = JSON.parse(titleText) as { id: string };
    expect(decision.credentialSubject).toMatchObject({
      authority: { country: 'CO' },
      criterion: 'ACADEMIC_EVALUATION',
      decisionNumber: 'DEMO-RES-2026-0042',
      outcome: 'GRANTED_WITH_CONDITIONS',
      conditions: ['EXAM: Examen de salud pública (demo)'],
      legalisationRoute: 'NONE',
      assuranceLevel: 'REGISTRY_VERIFIED',
      recognisedCredential: {
        summary: { titleAsIssued: 'Licenciado en Enfermería', iscedField: '0913' },
        reference: {
          id: titleDocument.id,
          digestMultibase: digestMultibaseOf(canonicalize(titleDocument) as string),
        },
      },
    });
  });

  it('verifies outside the registry, with nothing but what it publishes', async () => {
    const result = await outsideVerifier(t).verify(decision);
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
  });

  it('/v/ shows the decision with its origin facts', async () => {
    const records = await holder.get('/holder/credentials');
    const view = records.body.find((r: { id: string }) => r.id === decisionId);
    const page = await t.http.get(new URL(view.verifyUrl).pathname).set('Accept-Language', 'es');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Profesional en Enfermería');
    expect(page.text).toContain('Licenciado en Enfermería');
    expect(page.text).toContain('Universidad Nacional de Caribay (ficticia)');
    expect(page.text).toContain('DEMO-RES-2026-0042');
  });

  it('the engine answers with it in a third country, per the agreements', async () => {
    const res = await t.http.post('/verifications').send({
      verifiableCredential: decision,
      destinationCountry: 'PE',
      purpose: 'ACADEMIC_CONTINUATION',
    });
    expect(res.body).toMatchObject({
      verified: true,
      recognition: {
        outcome: 'VALID_WITH_CONDITIONS',
        reasons: ['DECISION_CONDITIONAL'],
        agreement: { id: 'agr-co-pe-titulos-demo' },
        equivalent: { basis: 'DECISION', title: 'Profesional en Enfermería' },
      },
    });
  });

  it('the portal shows the holder their case and its decision, without JavaScript', async () => {
    const cookies = new Map<string, string>();
    const keep = (res: { headers: Record<string, unknown> }) => {
      for (const header of (res.headers['set-cookie'] as string[] | undefined) ?? []) {
        const [pair] = header.split(';');
        cookies.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
      }
    };
    const jar = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const form = await t.http.get('/portal');
    keep(form);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? '';
    const document = rafael().documents[0];
    const login = await t.http.post('/portal/login').set('Cookie', jar()).type('form').send({
      documentType: document.type,
      documentCountry: document.country,
      documentNumber: document.number,
      password: PASSWORD,
      _csrf: csrf,
    });
    expect(login.status).toBe(303);
    keep(login);
    const list = await t.http.get('/portal/cases').set('Cookie', jar());
    expect(list.status).toBe(200);
    expect(list.text).toContain(`/portal/cases/${caseId}`);
    expect(list.text).not.toMatch(/<script(?![^>]*src=)/);
    const page = await t.http.get(`/portal/cases/${caseId}`).set('Cookie', jar());
    expect(page.text).toContain('Reconocido con condiciones');
    expect(page.text).toContain('DEMO-RES-2026-0042');
    expect(page.text).toContain('Examen de salud pública (demo)');
    expect(page.text).toContain('Adjunte el plan de estudios.');
    expect(page.text).toContain(`/portal/credentials/${decisionId}`);
    const missing = await t.http.get(`/portal/cases/${crypto.randomUUID()}`).set('Cookie', jar());
    expect(missing.status).toBe(404);
  });

  it('every transition is in the audit log', async () => {
    const rows = await t.dataSource.query<{ action: string; actor: string }[]>(
      'SELECT action, actor FROM audit_event WHERE subject = $1 ORDER BY seq',
      [`case:${caseId}`],
    );
    expect(rows.map((r) => r.action)).toEqual([
      'case.submitted',
      'case.info_requested',
      'case.in_review',
      'case.decided',
    ]);
    expect(rows[3].actor).toBe('issuer:co-men-demo');
  });

  it('a later case on the same programme shows the decision as a precedent; withdrawn, it closes', async () => {
    const second = await holder.post(
      '/holder/cases',
      openCaseBody([titleId], { purpose: 'EMPLOYMENT', statement: undefined }),
    );
    expect(second.status).toBe(201);
    const view = await as(men).get(`/authority/cases/${second.body.id}`);
    expect(view.body.precedents).toEqual([
      expect.objectContaining({
        caseId,
        decisionNumber: 'DEMO-RES-2026-0042',
        outcome: 'RECOGNISED_WITH_CONDITIONS',
        match: 'ORIGIN_PROGRAMME',
      }),
    ]);
    expectProblem(await other.post(`/holder/cases/${second.body.id}/withdrawal`), 404, 'NOT_FOUND');
    const withdrawn = await holder.post(`/holder/cases/${second.body.id}/withdrawal`);
    expect(withdrawn.body.status).toBe('WITHDRAWN');
    expectProblem(
      await holder.post(`/holder/cases/${second.body.id}/withdrawal`),
      409,
      'INVALID_STATUS_TRANSITION',
    );
  });

  it('figures for the authority: open, overdue, median days, outcomes by route', async () => {
    const res = await as(men).get('/authority/figures');
    expect(res.body).toEqual({
      authority: 'co-men-demo',
      openCases: 0,
      overdueCases: 0,
      decidedCases: 1,
      medianDaysToDecision: 0,
      outcomesByRoute: { ACADEMIC_EVALUATION: { RECOGNISED_WITH_CONDITIONS: 1 } },
      outcomesByLegalisation: { NONE: { RECOGNISED_WITH_CONDITIONS: 1 } },
    });
    expectProblem(await as(coEns).get('/authority/figures'), 403, 'FORBIDDEN');
  });

  it("the holder's erasure removes the case files and their own messages", async () => {
    expect(await count('recognition_case_file')).toBe(1);
    expect((await holder.delete('/holder/account')).status).toBe(204);
    expect(await count('recognition_case_file')).toBe(0);
    const bodies = await t.dataSource.query<{ body: string }[]>(
      "SELECT body FROM recognition_case_message WHERE author = 'HOLDER'",
    );
    expect(bodies.every((m) => m.body === '')).toBe(true);
    // The decision stays: it is the authority's act, and the credential stays verifiable.
    expect(
      (await t.http.post('/verifications').send({ verifiableCredential: decision })).body,
    ).toMatchObject({ verified: true });
  });
});
