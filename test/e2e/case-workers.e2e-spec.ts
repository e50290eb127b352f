import { DemoSeedService } from '../../src/modules/demo/demo-seed.service.js';
import { asAdmin } from '../helpers/admin.js';
import { openCaseBody, venezuelanTitleBody, type TestHolder } from '../helpers/bodies.js';
import {
  awaitFreshStep,
  consoleClient,
  createCaseWorker,
  enrol,
  secretOf,
  signIn,
  STAFF_PASSWORD,
  totpCode,
  type ConsoleClient,
} from '../helpers/console.js';
import { asHolder, issueTo, registerHolder } from '../helpers/holders.js';
import { expectProblem } from '../helpers/problem.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const HOLDER_PASSWORD = 'mi perro se llama Toby 2019';
const MEN = 'co-men-demo';

/** The Set-Cookie lines of an answer (supertest types the header as one string). */
const setCookies = (res: { headers: Record<string, string> }): string[] =>
  [res.headers['set-cookie'] as string | string[] | undefined]
    .flat()
    .filter((c) => c !== undefined);

const yolanda = (): TestHolder => ({
  documents: [{ type: 'PPT', country: 'CO', number: 'DEMO-PPT-5151' }],
  givenNames: 'Yolanda',
  familyNames: 'Demo Pérez',
});

describe('the case-worker console: staff accounts, sign-in with TOTP, the casework pages', () => {
  let t: TestApp;
  let caseId: string;
  let coEns: string;
  let laura: { id: string; enrolmentCode: string };
  let lauraSecret: string;
  let staff: ConsoleClient;

  const count = async (table: string) =>
    (await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  const audit = (action: string) =>
    t.dataSource.query<{ actor: string; data: Record<string, unknown> }[]>(
      'SELECT actor, data FROM audit_event WHERE action = $1 ORDER BY seq',
      [action],
    );
  const caseStatus = async () =>
    (
      await t.dataSource.query<{ status: string }[]>(
        'SELECT status FROM recognition_case WHERE id = $1',
        [caseId],
      )
    )[0].status;

  beforeAll(async () => {
    t = await startTestApp();
    coEns = (await t.app.get(DemoSeedService).seed()).apiKey!.key;
    const ve = (await asAdmin(t).post('/admin/issuers/ve-unc/api-keys')).body.apiKey as string;
    const title = await issueTo(t, ve, venezuelanTitleBody(yolanda()));
    const registered = await registerHolder(
      t,
      yolanda().documents[0],
      title.claimCode,
      HOLDER_PASSWORD,
    );
    const opened = await asHolder(t, registered.body.accessToken).post(
      '/holder/cases',
      openCaseBody([title.id]),
    );
    caseId = opened.body.id;
  }, 180_000);
  afterAll(() => t?.close());

  describe('the operator creates staff accounts', () => {
    it('answers a one-time enrolment code, stores only its hash, audits without it', async () => {
      laura = await createCaseWorker(t, MEN, 'L.Gomez@men.example', 'Laura Gómez (ficticia)');
      expect(laura.enrolmentCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
      const [row] = await t.dataSource.query<Record<string, string>[]>(
        'SELECT login, status, enrolment_code_hash FROM case_worker WHERE id = $1',
        [laura.id],
      );
      expect(row).toMatchObject({ login: 'l.gomez@men.example', status: 'PENDING' });
      expect(row.enrolment_code_hash).toMatch(/^[0-9a-f]{64}$/);
      const [created] = await audit('case_worker.created');
      expect(created.actor).toBe('admin');
      expect(JSON.stringify(created)).not.toContain(laura.enrolmentCode);
      const list = await asAdmin(t).get(`/admin/issuers/${MEN}/case-workers`);
      expect(list.status).toBe(200);
      expect(list.body).toEqual([expect.objectContaining({ id: laura.id, status: 'PENDING' })]);
      expect(JSON.stringify(list.body)).not.toContain(laura.enrolmentCode);
    });

    it.each([
      ['no token', () => t.http.post(`/admin/issuers/${MEN}/case-workers`), 401, 'UNAUTHORIZED'],
      [
        "an issuer's key",
        () =>
          t.http
            .post(`/admin/issuers/${MEN}/case-workers`)
            .set('Authorization', `Bearer ${coEns}`)
            .send({ name: 'X', login: 'x@men.example' }),
        403,
        'FORBIDDEN',
      ],
      [
        'a malformed login',
        () => asAdmin(t).post(`/admin/issuers/${MEN}/case-workers`, { name: 'X', login: 'a b' }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a certifying body, not an authority',
        () => asAdmin(t).post('/admin/issuers/co-ens/case-workers', { name: 'X', login: 'x@e.co' }),
        422,
        'NOT_AN_AUTHORITY',
      ],
      [
        'a login taken (case folded)',
        () =>
          asAdmin(t).post('/admin/issuers/pe-sru/case-workers', {
            name: 'X',
            login: 'l.gomez@MEN.example',
          }),
        409,
        'LOGIN_TAKEN',
      ],
    ])('refuses %s and stores nothing', async (_name, send, status, code) => {
      expectProblem(await send(), status, code);
      expect(await count('case_worker')).toBe(1);
    });
  });

  describe('enrolment', () => {
    const client = () => consoleClient(t);

    it('refuses an unknown code and a weak password', async () => {
      const c = client();
      await c.get('/console/enrol');
      const unknown = await c.post('/console/enrol', {
        enrolmentCode: 'AAAA-BBBB-CCCC-DDDD',
        password: STAFF_PASSWORD,
      });
      expect(unknown.status).toBe(401);
      const weak = await c.post('/console/enrol', {
        enrolmentCode: laura.enrolmentCode,
        password: 'password1',
      });
      expect(weak.status).toBe(422);
      expect(weak.text).not.toContain('totp-secret');
    });

    it('shows the secret as a QR code and as text, and activates with a first code', async () => {
      await awaitFreshStep();
      staff = client();
      await staff.get('/console/enrol');
      const setup = await staff.post('/console/enrol', {
        enrolmentCode: laura.enrolmentCode,
        password: STAFF_PASSWORD,
      });
      expect(setup.status).toBe(200);
      expect(setup.text).toMatch(/<svg class="qr" role="img" aria-label="[^"]+"/);
      lauraSecret = secretOf(setup.text);
      const [sealed] = await t.dataSource.query<{ totp_secret_sealed: string }[]>(
        'SELECT totp_secret_sealed FROM case_worker WHERE id = $1',
        [laura.id],
      );
      expect(sealed.totp_secret_sealed).not.toContain(lauraSecret);

      const wrong = await staff.post('/console/enrol/confirm', {
        enrolmentCode: laura.enrolmentCode,
        totp: (Number(await totpCode(lauraSecret, -1)) ^ 1).toString().padStart(6, '0'),
      });
      expect(wrong.status).toBe(401);
      expect(secretOf(wrong.text)).toBe(lauraSecret);

      const done = await staff.post('/console/enrol/confirm', {
        enrolmentCode: laura.enrolmentCode,
        totp: await totpCode(lauraSecret, -1),
      });
      expect(done.status).toBe(303);
      expect(done.headers.location).toBe('/console?done=enrolled');
      const [enrolled] = await audit('case_worker.enrolled');
      expect(enrolled.actor).toBe(`case-worker:${laura.id}`);
      expect(JSON.stringify(enrolled)).not.toContain(lauraSecret);
      // The code is spent.
      const again = await staff.post('/console/enrol', {
        enrolmentCode: laura.enrolmentCode,
        password: STAFF_PASSWORD,
      });
      expect(again.status).toBe(401);
    });
  });

  describe('signing in', () => {
    const login = 'l.gomez@men.example';

    it('refuses a wrong password, a wrong code and a form without its CSRF token', async () => {
      const c = consoleClient(t);
      await c.get('/console');
      const cases = [
        { login, password: 'not the password at all', totp: await totpCode(lauraSecret, 1) },
        { login, password: STAFF_PASSWORD, totp: '000000' },
      ];
      for (const form of cases) {
        const res = await c.post('/console/login', form);
        expect(res.status).toBe(401);
        expect(setCookies(res).join()).not.toContain('rc_console=');
      }
      const forged = await c.post(
        '/console/login',
        { login, password: STAFF_PASSWORD, totp: await totpCode(lauraSecret) },
        'forged',
      );
      expect(forged.status).toBe(403);
      expect(await count('case_worker_session')).toBe(0);
    });

    it('signs in with password and the current code, and refuses that code a second time', async () => {
      await awaitFreshStep();
      const first = await signIn(staff, login, lauraSecret);
      expect(first.status).toBe(303);
      expect(first.headers.location).toBe('/console/cases');
      const cookie = setCookies(first).find((c) => c.startsWith('rc_console='));
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Path=\/console/);

      const replay = await signIn(consoleClient(t), login, lauraSecret);
      expect(replay.status).toBe(401);
      expect(await count('case_worker_session')).toBe(1);
    });
  });

  describe('the casework pages', () => {
    it('sends an anonymous visitor to sign in', async () => {
      for (const url of ['/console/cases', `/console/cases/${caseId}`, '/console/figures']) {
        const res = await t.http.get(url);
        expect(res.status).toBe(303);
        expect(res.headers.location).toBe('/console');
      }
      const post = await t.http.post(`/console/cases/${caseId}/review`).type('form').send({});
      expect([303, 403]).toContain(post.status);
      expect(await caseStatus()).toBe('SUBMITTED');
    });

    it("shows the authority's queue and the case with its verified evidence", async () => {
      const queue = await staff.get('/console/cases');
      expect(queue.status).toBe(200);
      expect(queue.text).toContain(`/console/cases/${caseId}`);
      const page = await staff.get(`/console/cases/${caseId}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Licenciado en Enfermería');
      expect(page.text).toContain('Válida, pero no cubierta por un acuerdo');
      // The credential's status in words, not its code.
      expect(page.text).toMatch(/<dt>Estado<\/dt>\s*<dd>Válida<\/dd>/);
      expect(page.text).not.toMatch(/<dd>VALID<\/dd>/);
    });

    it('a forged form changes nothing', async () => {
      const res = await staff.post(`/console/cases/${caseId}/review`, {}, 'forged');
      expect(res.status).toBe(403);
      expect(await caseStatus()).toBe('SUBMITTED');
    });

    it('takes the case into review and requests information, audited as the case worker', async () => {
      await staff.get(`/console/cases/${caseId}`);
      const review = await staff.post(`/console/cases/${caseId}/review`, {});
      expect(review.status).toBe(303);
      expect(await caseStatus()).toBe('IN_REVIEW');
      await staff.get(`/console/cases/${caseId}`);
      const empty = await staff.post(`/console/cases/${caseId}/info-request`, { message: '' });
      expect(empty.status).toBe(400);
      expect(await caseStatus()).toBe('IN_REVIEW');
      const info = await staff.post(`/console/cases/${caseId}/info-request`, {
        message: 'Envíe el plan de estudios con las horas por asignatura.',
      });
      expect(info.status).toBe(303);
      expect(await caseStatus()).toBe('INFO_REQUESTED');
      const [moved] = await audit('case.info_requested');
      expect(moved.actor).toBe(`issuer:${MEN}/case-worker:${laura.id}`);
    });

    it('refuses an incomplete decision and stores nothing, then decides with conditions', async () => {
      await staff.get(`/console/cases/${caseId}`);
      const credentials = await count('credential');
      const base = {
        outcome: 'RECOGNISED_WITH_CONDITIONS',
        decisionNumber: 'DEMO-RES-2026-0100',
        equivalentTitle: 'Profesional en Enfermería',
        framework: 'CO-MNC',
        level: '6',
        effects: ['ACADEMIC', 'EMPLOYMENT'],
        conditionKind1: 'EXAM',
      };
      const incomplete = await staff.post(`/console/cases/${caseId}/decision`, base);
      expect(incomplete.status).toBe(422);
      expect(await count('credential')).toBe(credentials);
      expect(await caseStatus()).toBe('INFO_REQUESTED');

      const decided = await staff.post(`/console/cases/${caseId}/decision`, {
        ...base,
        conditionText1: 'Examen de salud pública (demo)',
      });
      expect(decided.status).toBe(303);
      expect(await caseStatus()).toBe('DECIDED');
      expect(await count('credential')).toBe(credentials + 1);
      const page = await staff.get(`/console/cases/${caseId}`);
      expect(page.text).toContain('DEMO-RES-2026-0100');
    });

    it('shows the figures', async () => {
      const res = await staff.get('/console/figures');
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/<dd>1<\/dd>/);
    });

    it("another authority's case worker finds no such case", async () => {
      const sru = await createCaseWorker(t, 'pe-sru', 'r.quispe@sru.example');
      const other = consoleClient(t);
      await awaitFreshStep();
      const secret = await enrol(other, sru.enrolmentCode);
      expect((await signIn(other, 'r.quispe@sru.example', secret)).status).toBe(303);
      expect((await other.get(`/console/cases/${caseId}`)).status).toBe(404);
      expect((await other.get('/console/cases?status=DECIDED')).text).not.toContain(caseId);
    });
  });

  describe('disabling', () => {
    it('ends the sessions at once and refuses the next sign-in', async () => {
      const res = await asAdmin(t).post(`/admin/issuers/${MEN}/case-workers/${laura.id}/disable`);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('DISABLED');
      const page = await staff.get('/console/cases');
      expect(page.status).toBe(303);
      expect(page.headers.location).toBe('/console');
      await awaitFreshStep();
      const login = await signIn(consoleClient(t), 'l.gomez@men.example', lauraSecret, 1);
      expect(login.status).toBe(401);
      expectProblem(
        await asAdmin(t).post(`/admin/issuers/${MEN}/case-workers/${laura.id}/disable`),
        409,
        'CONFLICT',
      );
      expect(await audit('case_worker.disabled')).toHaveLength(1);
    });
  });
});
