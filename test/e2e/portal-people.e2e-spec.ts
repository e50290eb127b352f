import type { Response } from 'supertest';
import { DemoSeedService, type DemoSeedResult } from '../../src/modules/demo/demo-seed.service.js';
import { asHolder } from '../helpers/holders.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// The holder portal's consents page and time zone (issue 17), driven as a browser without
// script would: forms posted with the session cookie and the page's CSRF token.
const ROSA = { documentType: 'RUT', documentCountry: 'CL', documentNumber: 'DEMO-RUT-0007' };
const CARLOS = { documentType: 'CEDULA', documentCountry: 'EC', documentNumber: 'DEMO-EC-0004' };
const PASSWORD = 'ayudante de cocina en Lima 2026';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** One browser: its cookies (for /portal), carried by hand. */
class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly t: TestApp) {}

  private keep(res: Response): Response {
    const headers = (res.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
    for (const header of headers) {
      const [pair] = header.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      if (value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  private get cookie(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async get(path: string): Promise<Response> {
    return this.keep(await this.t.http.get(path).set('Cookie', this.cookie));
  }

  /** Posts a form with the CSRF token of the page it is on (or `_csrf` given in the fields). */
  async post(path: string, page: Response, fields: Record<string, string>): Promise<Response> {
    return this.keep(
      await this.t.http
        .post(path)
        .set('Cookie', this.cookie)
        .type('form')
        .send({ _csrf: csrfOf(page.text), ...fields }),
    );
  }
}

describe('the holder portal: consents and time zone', () => {
  let t: TestApp;
  let seed: DemoSeedResult;

  beforeAll(async () => {
    t = await startTestApp();
    seed = await t.app.get(DemoSeedService).seed();
  });
  afterAll(() => t.close());

  const signUp = async (browser: Browser, document: typeof ROSA, credential: string) => {
    const form = await browser.get('/portal/signup');
    expect(form.text).toContain('name="browserTimeZone" value=""');
    expect(form.text).toContain('src="/assets/time-zone.js"');
    const claimCode = seed.credentials[credential].claimCode;
    const signedUp = await browser.post('/portal/signup', form, {
      ...document,
      claimCode,
      password: PASSWORD,
      browserTimeZone: '',
    });
    expect(signedUp.status).toBe(200);
  };

  const apiConsents = async (document: typeof ROSA) => {
    const login = await t.http.post('/holder/login').send({ ...document, password: PASSWORD });
    expect(login.status).toBe(200);
    const res = await asHolder(t, login.body.accessToken as string).get('/holder/consents');
    expect(res.status).toBe(200);
    return res.body as {
      statistics: { granted: boolean; updatedAt: string | null };
      findableByEmploymentServices: { granted: boolean; updatedAt: string | null };
    };
  };

  describe('the consents page', () => {
    const rosa = () => new Browser(t);
    let browser: Browser;

    beforeAll(async () => {
      browser = rosa();
      await signUp(browser, ROSA, 'rosa-ayudante-cocina');
    });

    it('lists every consent of the holder API with its meaning and state', async () => {
      const page = await browser.get('/portal/account/consents');
      expect(page.status).toBe(200);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.text).toContain('<h1>Sus consentimientos</h1>');
      expect(page.text).toContain('Estadísticas');
      expect(page.text).toContain('Servicios públicos de empleo');
      expect(page.text).toMatch(/id="statistics-yes" name="statistics" value="yes" checked/);
      expect(page.text).toMatch(
        /id="findableByEmploymentServices-no" name="findableByEmploymentServices" value="no" checked/,
      );
      expect(page.text).toContain('Es el valor inicial');
      const en = await browser.get('/portal/account/consents?lang=en');
      expect(en.text).toContain('May public employment services find you?');
      const pt = await browser.get('/portal/account/consents?lang=pt');
      expect(pt.text).toContain('Podemos contar você nas estatísticas?');
      await browser.get('/portal/account/consents?lang=es');
      const account = await browser.get('/portal/account');
      expect(account.text).toContain('href="/portal/account/consents"');
    });

    it('withdraws STATISTICS, and the holder API answers so', async () => {
      expect((await apiConsents(ROSA)).statistics.granted).toBe(true);
      const page = await browser.get('/portal/account/consents');
      const saved = await browser.post('/portal/account/consents', page, { statistics: 'no' });
      expect(saved.status).toBe(303);
      expect(saved.headers.location).toBe('/portal/account/consents?done=consentSaved');
      const api = await apiConsents(ROSA);
      expect(api.statistics.granted).toBe(false);
      expect(api.statistics.updatedAt).not.toBeNull();
      // The other consent was not in the form: it stays as it was.
      expect(api.findableByEmploymentServices).toEqual({ granted: false, updatedAt: null });
      const audited = await t.dataSource.query<{ data: Record<string, boolean> }[]>(
        `SELECT data FROM audit_event WHERE action = 'holder.consents_changed' ORDER BY seq DESC LIMIT 1`,
      );
      expect(audited[0].data).toEqual({ STATISTICS: false });
      const after = await browser.get(saved.headers.location);
      expect(after.text).toContain('Guardamos su decisión.');
      expect(after.text).toMatch(/id="statistics-no" name="statistics" value="no" checked/);
      expect(after.text).toContain('Ahora: No, no me cuenten.');
    });

    it('turns the employment services consent on with its own form', async () => {
      const page = await browser.get('/portal/account/consents');
      const saved = await browser.post('/portal/account/consents', page, {
        findableByEmploymentServices: 'yes',
      });
      expect(saved.status).toBe(303);
      const api = await apiConsents(ROSA);
      expect(api.findableByEmploymentServices.granted).toBe(true);
      expect(api.statistics.granted).toBe(false);
    });

    it('changes nothing without the CSRF token, with an unclear answer, or signed out', async () => {
      const before = await apiConsents(ROSA);
      const page = await browser.get('/portal/account/consents');
      const forged = await browser.post('/portal/account/consents', page, {
        statistics: 'yes',
        _csrf: 'forged',
      });
      expect(forged.status).toBe(403);
      const unclear = await browser.post('/portal/account/consents', page, {
        statistics: 'yes',
        findableByEmploymentServices: 'maybe',
      });
      expect(unclear.status).toBe(400);
      expect(unclear.text).toContain('Elija una opción');
      expect(unclear.text).toContain('href="#findableByEmploymentServices"');
      const empty = await browser.post('/portal/account/consents', page, {});
      expect(empty.status).toBe(400);
      // Another browser, signed out, with a token of its own.
      const stranger = new Browser(t);
      const home = await stranger.get('/portal');
      const anonymous = await stranger.post('/portal/account/consents', home, {
        statistics: 'yes',
      });
      expect(anonymous.status).toBe(303);
      expect(anonymous.headers.location).toMatch(/^\/portal/);
      expect(await apiConsents(ROSA)).toEqual(before);
    });
  });

  describe('the time zone', () => {
    let browser: Browser;
    const zoneOf = async () =>
      (
        await t.dataSource.query<{ time_zone: string | null }[]>(
          `SELECT a.time_zone FROM holder_account a JOIN identity_document d ON d.holder_id = a.holder_id WHERE d.issuing_country = 'EC' LIMIT 1`,
        )
      )[0]?.time_zone;

    beforeAll(async () => {
      browser = new Browser(t);
      await signUp(browser, CARLOS, 'carlos-electricidad');
    });

    it('comes from the country of the holder’s document while none is set', async () => {
      expect(await zoneOf()).toBeNull();
      const account = await browser.get('/portal/account');
      expect(account.text).toContain(
        'Las fechas y horas del portal se muestran en hora de Ecuador (America/Guayaquil).',
      );
      expect(account.text).toContain('La tomamos del país de su documento más reciente');
      expect(account.text).toContain(
        '<option value="America/Guayaquil">America/Guayaquil</option>',
      );
    });

    it('is chosen in the account settings, and times are shown in it', async () => {
      const account = await browser.get('/portal/account');
      const saved = await browser.post('/portal/account/time-zone', account, {
        timeZone: 'Europe/Madrid',
      });
      expect(saved.status).toBe(303);
      expect(saved.headers.location).toBe('/portal/account?done=timeZoneSaved');
      expect(await zoneOf()).toBe('Europe/Madrid');
      const after = await browser.get(saved.headers.location);
      expect(after.text).toContain('Guardamos su zona horaria.');
      expect(after.text).toContain('<option value="Europe/Madrid" selected>');
      expect(after.text).toContain('(Europe/Madrid)');
      const exported = await browser.get('/portal/account/export');
      expect(JSON.parse(exported.text).holder.timeZone).toBe('Europe/Madrid');

      // A share made now ends in a week: said in Madrid's time, with the zone's name.
      const credentials = await browser.get('/portal/shares/new');
      const made = await browser.post('/portal/shares', credentials, {
        credentialIds: seed.credentials['carlos-electricidad'].id,
        days: '7',
      });
      expect(made.status).toBe(303);
      const shares = await browser.get('/portal/shares');
      expect(shares.text).toMatch(
        /Hasta el \d{1,2} [a-z]{3} \d{4}, \d{2}:\d{2}[^<]* hora (estándar|de verano) de Europa central/,
      );
    });

    it('refuses what is not a zone, changing nothing', async () => {
      const account = await browser.get('/portal/account');
      for (const timeZone of ['Mars/Olympus', '+05:00', '']) {
        const refused = await browser.post('/portal/account/time-zone', account, { timeZone });
        expect(refused.status).toBe(400);
        expect(refused.text).toContain('aria-invalid="true"');
      }
      expect(await zoneOf()).toBe('Europe/Madrid');
    });

    it('takes the browser’s zone at sign-in only while the account has none', async () => {
      const signIn = async (browserTimeZone: string) => {
        const other = new Browser(t);
        const home = await other.get('/portal');
        expect(home.text).toContain('name="browserTimeZone"');
        const res = await other.post('/portal/login', home, {
          ...CARLOS,
          password: PASSWORD,
          browserTimeZone,
        });
        expect(res.status).toBe(303);
      };
      await signIn('America/Lima');
      expect(await zoneOf()).toBe('Europe/Madrid');
      await t.dataSource.query(
        `UPDATE holder_account SET time_zone = NULL WHERE holder_id IN (SELECT holder_id FROM identity_document WHERE issuing_country = 'EC')`,
      );
      await signIn('not/a zone');
      expect(await zoneOf()).toBeNull();
      await signIn('america/lima');
      expect(await zoneOf()).toBe('America/Lima');
    });
  });
});
