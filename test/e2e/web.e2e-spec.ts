import type { Response } from 'supertest';
import { DemoSeedService, type DemoSeedResult } from '../../src/modules/demo/demo-seed.service.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// Served over https (as in production) so that cookies must be Secure; supertest talks plain
// http to the app, so cookies are carried by hand rather than by an agent that would drop them.
const PUBLIC_BASE_URL = 'https://reconoce.test';
const ANA = { documentType: 'PPT', documentCountry: 'CO', documentNumber: 'DEMO-PPT-0003' };
const PASSWORD = 'cuidar pacientes con calma 2026';

class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** The Set-Cookie headers of a response, by cookie name. */
  static setCookies(res: Response): Record<string, string> {
    const headers = (res.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
    return Object.fromEntries(headers.map((h) => [h.slice(0, h.indexOf('=')), h]));
  }

  keep(res: Response): Response {
    for (const header of Object.values(CookieJar.setCookies(res))) {
      const [pair] = header.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      if (/Expires=Thu, 01 Jan 1970/i.test(header) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

describe('web pages (home, portal) over HTTP', () => {
  let t: TestApp;
  let seed: DemoSeedResult;

  // A sign-up form posted with the jar's cookies and the CSRF token of the page it came from.
  const postSignup = async (jar: CookieJar, fields: object, page: string) =>
    jar.keep(
      await t.http
        .post('/portal/signup')
        .set('Cookie', jar.header)
        .type('form')
        .send({ ...fields, password: PASSWORD, _csrf: csrfOf(page) }),
    );

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_BASE_URL });
    seed = await t.app.get(DemoSeedService).seed();
  });
  afterAll(() => t.close());

  const tokenOf = (name: string) => seed.credentials[name].verifyUrl.split('/v/')[1];

  describe('the home page', () => {
    it('is Spanish by default, Portuguese for a Portuguese browser, and remembers a choice', async () => {
      const es = await t.http.get('/');
      expect(es.status).toBe(200);
      expect(es.text).toContain('<html lang="es">');
      expect(es.text).toContain('href="/docs"');
      expect(es.text).toContain('href="/portal"');
      const pt = await t.http.get('/').set('Accept-Language', 'pt-BR,pt;q=0.9');
      expect(pt.text).toContain('<html lang="pt">');
      const chosen = await t.http.get('/?lang=en').set('Accept-Language', 'pt-BR');
      const cookie = CookieJar.setCookies(chosen).rc_lang;
      expect(cookie).toMatch(/^rc_lang=en;/);
      expect(cookie).toMatch(/Secure/);
      const later = await t.http
        .get('/')
        .set('Accept-Language', 'pt-BR')
        .set('Cookie', 'rc_lang=en');
      expect(later.text).toContain('<html lang="en">');
    });

    it('has a strict Content-Security-Policy; only /docs keeps Swagger UI’s', async () => {
      const csp = (await t.http.get('/')).headers['content-security-policy'];
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain('upgrade-insecure-requests');
      expect(csp).not.toContain('unsafe-inline');
      const docs = (await t.http.get('/docs/')).headers['content-security-policy'];
      expect(docs).toContain("'unsafe-inline'");
      for (const path of ['/portal', `/v/${tokenOf('maria-cuidado')}`, '/health']) {
        const policy = (await t.http.get(path)).headers['content-security-policy'];
        expect(policy).not.toContain('unsafe-inline');
      }
    });

    it('sends a pasted link or code to its verification page', async () => {
      const token = tokenOf('maria-cuidado');
      for (const code of [
        seed.credentials['maria-cuidado'].verifyUrl,
        token,
        ` /v/${token}?x=1 `,
      ]) {
        const res = await t.http.get('/verify').query({ code });
        expect(res.status).toBe(303);
        expect(res.headers.location).toBe(`/v/${token}`);
      }
      const bad = await t.http.get('/verify').query({ code: 'https://evil.example/<b>' });
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('aria-invalid="true"');
      expect(bad.text).toContain('https://evil.example/&lt;b&gt;');
    });

    it('says what a pasted claim code is instead of "not found"', async () => {
      const code = seed.credentials['maria-cuidado'].claimCode;
      for (const typed of [code, code.toLowerCase().replace(/-/g, ' ')]) {
        const res = await t.http.get('/verify').query({ code: typed });
        expect(res.status).toBe(200);
        expect(res.text).toContain('Este es un código para reclamar');
        expect(res.text).toContain('href="/portal/signup"');
        expect(res.text).not.toContain('aria-invalid');
        expect(res.text).not.toContain(code);
      }
      const opened = await t.http.get(`/v/${code}`).set('Accept-Language', 'en');
      expect(opened.status).toBe(404);
      expect(opened.text).toContain('This is a claim code, not a verification link');
      expect(opened.text).not.toContain('We could not find this credential');
      const problem = await t.http.get(`/v/${code}`).set('Accept', 'application/json');
      expect(problem.body.code).toBe('NOT_FOUND');
    });

    it('answers a person with an error page and a program with a problem', async () => {
      const path = `/v/${tokenOf('maria-cuidado')}?country=ZZ`;
      const page = await t.http.get(path).set('Accept', 'text/html');
      expect(page.status).toBe(422);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('<html lang="es">');
      const problem = await t.http.get(path).set('Accept', 'application/json');
      expect(problem.status).toBe(422);
      expect(problem.body.code).toBe('INVALID_REFERENCE');
    });

    it('serves its scripts, styles and the QR decoder from its own origin', async () => {
      for (const path of [
        '/assets/site.css',
        '/assets/verify.js',
        '/assets/scan.js',
        '/assets/portal.js',
      ]) {
        expect((await t.http.get(path)).status).toBe(200);
      }
      const jsqr = await t.http.get('/assets/vendor/jsqr.js');
      expect(jsqr.status).toBe(200);
      expect(jsqr.headers['content-type']).toMatch(/^text\/javascript/);
      expect(jsqr.text).toContain('jsQR');
    });
  });

  describe('the holder portal', () => {
    it('sends anyone without a session to sign in', async () => {
      for (const path of ['/portal/credentials', '/portal/shares', '/portal/account']) {
        const res = await t.http.get(path);
        expect(res.status).toBe(303);
        expect(res.headers.location).toBe('/portal');
      }
    });

    it('refuses forms without a valid CSRF token, as a page, changing nothing', async () => {
      const jar = new CookieJar();
      const page = jar.keep(await t.http.get('/portal/signup'));
      const csrfCookie = CookieJar.setCookies(page).rc_csrf;
      expect(csrfCookie).toMatch(/HttpOnly/);
      expect(csrfCookie).toMatch(/SameSite=Strict/);
      expect(csrfCookie).toMatch(/Path=\/portal/);
      expect(csrfCookie).toMatch(/Secure/);
      const form = {
        ...ANA,
        claimCode: seed.credentials['ana-titulo'].claimCode,
        password: PASSWORD,
      };
      const cases = [
        { cookie: jar.header, body: form },
        { cookie: jar.header, body: { ...form, _csrf: 'forged' } },
        { cookie: '', body: { ...form, _csrf: csrfOf(page.text) } },
      ];
      for (const { cookie, body } of cases) {
        const res = await t.http
          .post('/portal/signup')
          .set('Cookie', cookie)
          .type('form')
          .send(body);
        expect(res.status).toBe(403);
        expect(res.headers['content-type']).toMatch(/^text\/html/);
      }
      const accounts = await t.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM holder_account',
      );
      expect(accounts[0].n).toBe(0);
    });

    it('signs up with a claim code into a Secure, HttpOnly, SameSite=Strict session', async () => {
      const jar = new CookieJar();
      const form = jar.keep(await t.http.get('/portal/signup'));
      const wrong = await postSignup(jar, { ...ANA, claimCode: 'AAAA-BBBB-CCCC-DDDD' }, form.text);
      expect(wrong.status).toBe(400);
      expect(wrong.text).toContain('Este código no sirve con ese documento');

      const res = await postSignup(
        jar,
        { ...ANA, claimCode: seed.credentials['ana-titulo'].claimCode },
        wrong.text,
      );
      // The printable recovery codes, on this answer only.
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.text).toContain('Sus códigos de recuperación');
      expect(res.text.match(/<li><code>[0-9A-Z]{4}(-[0-9A-Z]{4}){3}<\/code><\/li>/g)).toHaveLength(
        10,
      );
      expect(res.text).toContain('href="/portal/credentials?done=registered"');
      const session = CookieJar.setCookies(res).rc_session;
      expect(session).toMatch(/HttpOnly/);
      expect(session).toMatch(/SameSite=Strict/);
      expect(session).toMatch(/Path=\/portal/);
      expect(session).toMatch(/Secure/);

      const list = await t.http.get('/portal/credentials').set('Cookie', jar.header);
      expect(list.status).toBe(200);
      expect(list.headers['cache-control']).toBe('no-store');
      expect(list.text).toContain('Licenciada en Enfermería');

      // A token made before signing in does not work for the session.
      const stale = await t.http
        .post('/portal/logout')
        .set('Cookie', jar.header)
        .type('form')
        .send({ _csrf: csrfOf(form.text) });
      expect(stale.status).toBe(403);

      // Signing out ends the session itself, not only the cookie.
      const stolen = jar.header;
      const out = jar.keep(
        await t.http
          .post('/portal/logout')
          .set('Cookie', jar.header)
          .type('form')
          .send({ _csrf: csrfOf(list.text) }),
      );
      expect(out.status).toBe(303);
      expect(jar.has('rc_session')).toBe(false);
      const replay = await t.http.get('/portal/credentials').set('Cookie', stolen);
      expect(replay.status).toBe(303);
    });

    it('answers unknown ids with a page, not a problem document', async () => {
      const jar = new CookieJar();
      const form = jar.keep(await t.http.get('/portal'));
      const login = jar.keep(
        await t.http
          .post('/portal/login')
          .set('Cookie', jar.header)
          .type('form')
          .send({ ...ANA, password: PASSWORD, _csrf: csrfOf(form.text) }),
      );
      expect(login.status).toBe(303);
      for (const path of ['/portal/credentials/nope', `/portal/shares/${crypto.randomUUID()}`]) {
        const res = await t.http.get(path).set('Cookie', jar.header);
        expect(res.status).toBe(404);
        expect(res.headers['content-type']).toMatch(/^text\/html/);
        expect(res.text).toContain('No encontramos lo que busca');
      }
    });

    it('shows the statistics consent on the consents page and changes it with CSRF', async () => {
      const MARIA = { documentType: 'PPT', documentCountry: 'CO', documentNumber: 'DEMO-PPT-0001' };
      const jar = new CookieJar();
      const form = jar.keep(await t.http.get('/portal/signup'));
      const signup = await postSignup(
        jar,
        { ...MARIA, claimCode: seed.credentials['maria-cuidado'].claimCode },
        form.text,
      );
      expect(signup.status).toBe(200);
      const exclusions = async () =>
        (
          await t.dataSource.query<{ n: number }[]>(
            'SELECT count(*)::int AS n FROM statistics_exclusion',
          )
        )[0].n;
      const before = await exclusions();

      const account = await t.http.get('/portal/account/consents').set('Cookie', jar.header);
      expect(account.status).toBe(200);
      expect(account.text).toContain('action="/portal/account/consents"');
      expect(account.text).toMatch(/id="statistics-yes" name="statistics" value="yes" checked/);

      // Without the form's token, or with an answer that is neither yes nor no: nothing changes.
      const forged = await t.http
        .post('/portal/account/consents')
        .set('Cookie', jar.header)
        .type('form')
        .send({ statistics: 'no', _csrf: 'forged' });
      expect(forged.status).toBe(403);
      const unclear = await t.http
        .post('/portal/account/consents')
        .set('Cookie', jar.header)
        .type('form')
        .send({ statistics: 'maybe', _csrf: csrfOf(account.text) });
      expect(unclear.status).toBe(400);
      expect(unclear.text).toContain('Elija una opción');
      expect(await exclusions()).toBe(before);

      const withdrawn = await t.http
        .post('/portal/account/consents')
        .set('Cookie', jar.header)
        .type('form')
        .send({ statistics: 'no', _csrf: csrfOf(account.text) });
      expect(withdrawn.status).toBe(303);
      expect(withdrawn.headers.location).toBe('/portal/account/consents?done=consentSaved');
      expect(await exclusions()).toBe(before + 1);
      const after = await t.http.get(withdrawn.headers.location).set('Cookie', jar.header);
      expect(after.text).toContain('Guardamos su decisión.');
      expect(after.text).toMatch(/id="statistics-no" name="statistics" value="no" checked/);
      const api = await t.dataSource.query<{ granted: boolean }[]>(
        `SELECT granted FROM holder_consent WHERE purpose = 'STATISTICS' AND source = 'HOLDER' ORDER BY at DESC LIMIT 1`,
      );
      expect(api[0].granted).toBe(false);

      const regranted = await t.http
        .post('/portal/account/consents')
        .set('Cookie', jar.header)
        .type('form')
        .send({ statistics: 'yes', _csrf: csrfOf(after.text) });
      expect(regranted.status).toBe(303);
      expect(await exclusions()).toBe(before);
    });

    it('recovers a forgotten password with a printed code, and makes new codes, without JS', async () => {
      const JOSE = {
        documentType: 'CARNE_EXTRANJERIA',
        documentCountry: 'PE',
        documentNumber: 'DEMO-CE-0002',
      };
      const jar = new CookieJar();
      const form = jar.keep(await t.http.get('/portal/signup'));
      const signup = await postSignup(
        jar,
        { ...JOSE, claimCode: seed.credentials['jose-cocina'].claimCode },
        form.text,
      );
      expect(signup.status).toBe(200);
      const codes = [...signup.text.matchAll(/<li><code>([0-9A-Z-]{19})<\/code><\/li>/g)].map(
        (m) => m[1],
      );
      expect(codes).toHaveLength(10);

      const home = await t.http.get('/portal');
      expect(home.text).toContain('href="/portal/recover"');
      const other = new CookieJar();
      const recoverForm = other.keep(await t.http.get('/portal/recover'));
      expect(recoverForm.status).toBe(200);
      expect(recoverForm.text).toContain('id="recoveryCode"');
      const post = (fields: object, page: string) =>
        t.http
          .post('/portal/recover')
          .set('Cookie', other.header)
          .type('form')
          .send({
            ...JOSE,
            password: 'una llave nueva para José 2027',
            ...fields,
            _csrf: csrfOf(page),
          });
      const wrong = other.keep(
        await post({ recoveryCode: 'AAAA-BBBB-CCCC-DDDD' }, recoverForm.text),
      );
      expect(wrong.status).toBe(401);
      expect(wrong.text).toContain('Este código no sirve con ese documento, venció o ya se usó');
      expect(wrong.text).not.toContain('una llave nueva');
      const done = other.keep(await post({ recoveryCode: codes[0] }, wrong.text));
      expect(done.status).toBe(303);
      expect(done.headers.location).toBe('/portal/credentials?done=recovered');
      const list = await t.http.get(done.headers.location).set('Cookie', other.header);
      expect(list.text).toContain('Su nueva contraseña quedó guardada');

      const account = await t.http.get('/portal/account').set('Cookie', other.header);
      expect(account.text).toContain('Le quedan 9 códigos sin usar');
      const fresh = await t.http
        .post('/portal/account/recovery-codes')
        .set('Cookie', other.header)
        .type('form')
        .send({ _csrf: csrfOf(account.text) });
      expect(fresh.status).toBe(200);
      const newCodes = [...fresh.text.matchAll(/<li><code>([0-9A-Z-]{19})<\/code><\/li>/g)];
      expect(newCodes).toHaveLength(10);
      expect(fresh.text).not.toContain(codes[1]);
    });

    it('asks before stopping a share; only the confirmation form stops it', async () => {
      const JOSE = {
        documentType: 'CARNE_EXTRANJERIA',
        documentCountry: 'PE',
        documentNumber: 'DEMO-CE-0002',
      };
      const jar = new CookieJar();
      const home = jar.keep(await t.http.get('/portal'));
      const login = jar.keep(
        await t.http
          .post('/portal/login')
          .set('Cookie', jar.header)
          .type('form')
          .send({ ...JOSE, password: 'una llave nueva para José 2027', _csrf: csrfOf(home.text) }),
      );
      expect(login.status).toBe(303);
      const newShare = await t.http.get('/portal/shares/new').set('Cookie', jar.header);
      const credentialId = /name="credentialIds" value="([0-9a-f-]{36})"/.exec(newShare.text)![1];
      const created = jar.keep(
        await t.http
          .post('/portal/shares')
          .set('Cookie', jar.header)
          .type('form')
          .send({
            credentialIds: credentialId,
            days: '7',
            label: 'Restaurante',
            _csrf: csrfOf(newShare.text),
          }),
      );
      expect(created.status).toBe(303);
      const sharePath = created.headers.location.replace(/\/qr$/, '');
      const share = await t.http.get(sharePath).set('Cookie', jar.header);
      expect(share.text).toContain(`href="${sharePath}/revoke"`);
      expect(share.text).not.toContain(`action="${sharePath}/revoke"`);

      const confirm = await t.http.get(`${sharePath}/revoke`).set('Cookie', jar.header);
      expect(confirm.status).toBe(200);
      expect(confirm.text).toContain('¿Dejar de compartir este enlace?');
      expect(confirm.text).toContain('Restaurante');
      expect(confirm.text).toContain(`href="${sharePath}"`);
      // A post without the confirmation goes back to the question; nothing is stopped.
      const unconfirmed = await t.http
        .post(`${sharePath}/revoke`)
        .set('Cookie', jar.header)
        .type('form')
        .send({ _csrf: csrfOf(confirm.text) });
      expect(unconfirmed.status).toBe(303);
      expect(unconfirmed.headers.location).toBe(`${sharePath}/revoke`);
      const active = await t.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM holder_share WHERE revoked_at IS NULL',
      );
      const stopped = await t.http
        .post(`${sharePath}/revoke`)
        .set('Cookie', jar.header)
        .type('form')
        .send({ confirm: 'yes', _csrf: csrfOf(confirm.text) });
      expect(stopped.status).toBe(303);
      expect(stopped.headers.location).toBe(`${sharePath}?done=revoked`);
      const after = await t.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM holder_share WHERE revoked_at IS NULL',
      );
      expect(after[0].n).toBe(active[0].n - 1);
    });

    it('keeps the JSON error contract for an oversized form body', async () => {
      const res = await t.http
        .post('/portal/login')
        .type('form')
        .send({ password: 'x'.repeat(2 * 1024 * 1024) });
      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    });
  });
});
