import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DemoSeedService, type DemoSeedResult } from '../../src/modules/demo/demo-seed.service.js';
import { freePort } from '../helpers/process.js';
import { decodeQrPng } from '../helpers/qr.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import {
  axeViolations,
  DESKTOP,
  launchChromium,
  MOBILE,
  PAGE_BUDGET_BYTES,
  pngToY4m,
  screenshot,
  SCREENSHOTS,
  visibleWithoutScrolling,
  watchedPage,
  type Watched,
} from './browser.js';

// Ana Demo Salas (DOMAIN.md): both her credentials were issued under her Colombian PPT.
const ANA = { type: 'PPT', country: 'CO', number: 'DEMO-PPT-0003' };
const PASSWORD = 'cuidar pacientes con calma 2026';

describe('the web pages in Chromium', () => {
  let t: TestApp;
  let base: string;
  let seed: DemoSeedResult;
  let browser: Browser;
  const sizes: Record<string, number> = {};
  const link = (name: string) => seed.credentials[name].verifyUrl;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await startTestApp({ PUBLIC_BASE_URL: base });
    await t.app.listen(port, '127.0.0.1');
    seed = await t.app.get(DemoSeedService).seed();
    browser = await launchChromium();
  });

  afterAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(resolve(SCREENSHOTS, 'page-sizes.json'), `${JSON.stringify(sizes, null, 2)}\n`);
    await browser?.close();
    await t?.close();
  });

  const mobileContext = (options: Parameters<Browser['newContext']>[0] = {}) =>
    browser.newContext({ viewport: MOBILE, locale: 'es-CO', ...options });

  /**
   * What every page must be: no console or CSP error, nothing from another origin, under the
   * size budget on a first load (empty cache), no serious or critical axe violation, its key
   * element visible without scrolling on a 360×640 screen; and a screenshot of it.
   */
  async function checkPage(w: Watched, name: string, keySelector: string): Promise<void> {
    const { page } = w;
    expect(w.errors).toEqual([]);
    const foreign = w.requests.filter(
      (url) => !url.startsWith(`${base}/`) && !url.startsWith('data:') && !url.startsWith('blob:'),
    );
    expect(foreign).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, name);
    const viewport = page.viewportSize();
    if (viewport?.width === MOBILE.width) {
      await page.setViewportSize(DESKTOP);
      await screenshot(page, name);
      await page.setViewportSize(viewport);
    }
    const first = await firstLoad(page, keySelector);
    sizes[name] = first.bytes;
    expect(first.bytes).toBeLessThan(PAGE_BUDGET_BYTES);
    expect(first.keyVisible).toBe(true);
  }

  /**
   * The page's address loaded again on a 360×640 screen, with an empty cache and the same
   * cookies: its weight, and whether its key element shows before any scrolling.
   */
  async function firstLoad(page: Page, keySelector: string) {
    const fresh = await browser.newContext({
      viewport: MOBILE,
      locale: 'es-CO',
      storageState: await page.context().storageState(),
    });
    const w = await watchedPage(fresh);
    await w.page.goto(page.url(), { waitUntil: 'networkidle' });
    const keyVisible = await visibleWithoutScrolling(w.page, keySelector);
    if (!keyVisible) await screenshot(w.page, 'not-visible');
    const bytes = await w.bytes();
    await fresh.close();
    return { bytes, keyVisible };
  }

  describe('the home page', () => {
    it('says what Reconoce is and verifies a pasted link', async () => {
      const context = await mobileContext();
      const w = await watchedPage(context);
      const res = await w.page.goto(`${base}/`);
      expect(res?.headers()['content-security-policy']).not.toContain('unsafe-inline');
      expect(await w.page.getAttribute('html', 'lang')).toBe('es');
      expect(await w.page.locator('h1').textContent()).toContain('Verifique');
      expect(await w.page.locator('a[href="/docs"]').count()).toBeGreaterThan(0);
      expect(await w.page.locator('a[href="/portal"]').count()).toBeGreaterThan(0);
      // The scanner shows only with JavaScript, and the camera only where the browser has one.
      expect(await w.page.locator('#scan').isVisible()).toBe(true);
      await checkPage(w, 'home-es', '#verify-form button[type=submit]');

      await w.page.fill('#code', 'not a link');
      await w.page.click('#verify-form button[type=submit]');
      expect(await w.page.locator('#code-error').isVisible()).toBe(true);
      expect(await axeViolations(w.page)).toEqual([]);

      await w.page.fill('#code', link('maria-cuidado'));
      await w.page.click('#verify-form button[type=submit]');
      await w.page.waitForURL(/\/v\//);
      expect(await w.page.locator('#verdict-0 h1').textContent()).toBe('Credencial válida');
      await context.close();
    });

    it('reads a QR code from a photo', async () => {
      const context = await mobileContext();
      const w = await watchedPage(context);
      await w.page.goto(`${base}/`);
      const png = await (await fetch(`${link('jose-cocina')}/qr.png`)).arrayBuffer();
      const file = resolve(SCREENSHOTS, 'scanned-qr.png');
      mkdirSync(SCREENSHOTS, { recursive: true });
      writeFileSync(file, Buffer.from(png));
      await w.page.setInputFiles('#scan-file', file);
      await w.page.waitForURL(/\/v\//);
      expect(await w.page.locator('#verdict-0 h1').textContent()).toBe('Credencial válida');
      expect(await w.page.textContent('main')).toContain('José Demo Pérez');
      expect(w.errors).toEqual([]);
      await context.close();
    });

    it('scans a QR code with the camera', async () => {
      // Chromium's fake camera films the certificate's QR code.
      mkdirSync(SCREENSHOTS, { recursive: true });
      const video = resolve(SCREENSHOTS, 'camera.y4m');
      pngToY4m(
        Buffer.from(await (await fetch(`${link('rosa-ayudante-cocina')}/qr.png`)).arrayBuffer()),
        video,
      );
      const withCamera = await launchChromium([
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ]);
      try {
        const context = await withCamera.newContext({
          viewport: MOBILE,
          locale: 'es-CO',
          permissions: ['camera'],
        });
        const w = await watchedPage(context);
        await w.page.goto(`${base}/`);
        await w.page.click('#scan-camera');
        await w.page.waitForURL(/\/v\//);
        expect(await w.page.textContent('main')).toContain('Rosa Demo Vidal');
        expect(w.errors).toEqual([]);
      } finally {
        await withCamera.close();
      }
    });
  });

  describe('the verification page', () => {
    it.each([
      ['es', 'Credencial válida', 'Titular'],
      ['pt', 'Credencial válida', 'Titular'],
      ['en', 'Valid credential', 'Holder'],
    ])('shows the verdict first in %s', async (lang, verdict, holder) => {
      const context = await browser.newContext({ viewport: MOBILE });
      const w = await watchedPage(context);
      const res = await w.page.goto(`${link('maria-cuidado')}?lang=${lang}`);
      expect(res?.status()).toBe(200);
      expect(await w.page.getAttribute('html', 'lang')).toBe(lang);
      expect(await w.page.locator('#verdict-0 h1').textContent()).toBe(verdict);
      expect(await w.page.textContent('main')).toContain(holder);
      expect(await w.page.textContent('main')).toContain('María Demo Rivas');
      await checkPage(w, `verify-maria-${lang}`, '#verdict-0');
      await context.close();
    });

    it('remembers the language chosen with the switch', async () => {
      const context = await mobileContext();
      const page = await context.newPage();
      await page.goto(link('maria-cuidado'));
      expect(await page.getAttribute('html', 'lang')).toBe('es');
      await page.click('nav.langs a[hreflang="en"]');
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await page.goto(link('jose-cocina'));
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await page.goto(`${base}/`);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await context.close();
    });

    it.each([
      ['maria-cuidado', 'PE', 'EMPLOYMENT', 'RECOGNISED', 'Reconocida'],
      ['jose-cocina', 'CL', 'EMPLOYMENT', 'RECOGNISED', 'Ayudante de cocina (demo)'],
      ['rosa-ayudante-cocina', 'PE', 'EMPLOYMENT', 'VALID_WITH_CONDITIONS', 'UC3, UC4'],
      [
        'ana-convalidacion',
        'PE',
        'PROFESSIONAL_PRACTICE',
        'VALID_NOT_COVERED',
        'no cubre este uso',
      ],
      ['carlos-electricidad', 'CO', 'EMPLOYMENT', 'VALID_NOT_COVERED', 'admite hasta 5 años'],
    ])(
      '%s → %s, %s: %s, answered without leaving the page',
      async (name, country, purpose, outcome, words) => {
        const context = await mobileContext();
        const w = await watchedPage(context);
        await w.page.goto(link(name));
        await w.page.evaluate('window.stayed = true');
        await w.page.selectOption('#country', country);
        await w.page.selectOption('#purpose', purpose);
        await w.page.click('#recognition-form button[type=submit]');
        const answer = w.page.locator('#recognition-answer .answer');
        await answer.waitFor();
        expect(await answer.getAttribute('data-outcome')).toBe(outcome);
        expect(await answer.textContent()).toContain(words);
        expect(await w.page.evaluate('window.stayed')).toBe(true);
        expect(w.page.url()).toContain(`country=${country}`);
        // Loaded again with the country in its address, the answer comes first.
        await checkPage(w, `recognition-${name}-${country}`, '#recognition-answer .answer-title');
        await context.close();
      },
    );

    it('answers through the form with JavaScript off', async () => {
      const context = await mobileContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(link('jose-cocina'));
      await page.selectOption('#country', 'CL');
      await page.selectOption('#purpose', 'EMPLOYMENT');
      await page.click('#recognition-form button[type=submit]');
      await page.waitForURL(/country=CL/);
      const answer = page.locator('#recognition-answer .answer');
      expect(await answer.getAttribute('data-outcome')).toBe('RECOGNISED');
      expect(await answer.textContent()).toContain('Ayudante de cocina (demo)');
      await screenshot(page, 'recognition-nojs-jose-CL');
      await context.close();
    });

    it('says plainly that a revoked credential is revoked', async () => {
      const context = await mobileContext();
      const w = await watchedPage(context);
      await w.page.goto(link('pedro-cocina'));
      expect(await w.page.locator('#verdict-0 h1').textContent()).toBe('Credencial revocada');
      expect(await w.page.getAttribute('#verdict-0', 'class')).toContain('bad');
      await checkPage(w, 'verify-pedro-revoked', '#verdict-0');
      await context.close();
    });

    it('prints without the forms and navigation', async () => {
      const context = await browser.newContext({ viewport: DESKTOP });
      const page = await context.newPage();
      await page.goto(`${link('maria-cuidado')}?country=PE&purpose=EMPLOYMENT`);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('#recognition-form').isVisible()).toBe(false);
      expect(await page.locator('nav.langs').isVisible()).toBe(false);
      expect(await page.locator('#recognition-answer .answer').isVisible()).toBe(true);
      expect(await page.locator('.print-only').isVisible()).toBe(true);
      await screenshot(page, 'verify-maria-print');
      await context.close();
    });
  });

  describe('the holder portal', () => {
    let context: BrowserContext;
    let w: Watched;
    let page: Page;
    let recoveryCodes: string[] = [];
    let password = PASSWORD;

    beforeAll(async () => {
      context = await mobileContext();
      w = await watchedPage(context);
      page = w.page;
    });
    afterAll(() => context?.close());

    const fillDocument = async (document: typeof ANA, on: Page = page) => {
      await on.selectOption('#documentType', document.type);
      await on.selectOption('#documentCountry', document.country);
      await on.fill('#documentNumber', document.number);
    };

    it('takes a person from a claim code to a share that they stop', async () => {
      // Signed out, /portal offers sign-up first.
      await page.goto(`${base}/portal`);
      await checkPage(w, 'portal-home', 'a.button[href="/portal/signup"]');
      await page.click('a.button[href="/portal/signup"]');
      await page.waitForURL(/\/portal\/signup$/);
      await checkPage(w, 'portal-signup', '#claimCode');

      // A form sent empty explains itself, field by field.
      await page.click('form button[type=submit]');
      expect(await page.locator('.error-summary').isVisible()).toBe(true);
      expect(await page.getAttribute('#claimCode', 'aria-invalid')).toBe('true');
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'portal-signup-errors');

      await page.fill('#claimCode', seed.credentials['ana-titulo'].claimCode);
      await fillDocument(ANA);
      await page.fill('#password', PASSWORD);
      await page.click('form button[type=submit]');
      // The printable recovery codes come once, before the credentials.
      await page.locator('ol.recovery-codes').waitFor();
      recoveryCodes = await page.locator('ol.recovery-codes code').allTextContents();
      expect(recoveryCodes).toHaveLength(10);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'portal-recovery-codes');
      await page.click('main a.button[href="/portal/credentials?done=registered"]');
      await page.waitForURL(/\/portal\/credentials\?done=registered/);
      expect(await page.textContent('main')).toContain('Licenciada en Enfermería');
      await checkPage(w, 'portal-credentials', 'a.button[href="/portal/shares/new"]');

      // The session cookie: HttpOnly, SameSite=Strict, only for /portal.
      const cookies = await context.cookies();
      const session = cookies.find((c) => c.name === 'rc_session');
      expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/portal' });

      // Link another credential with its claim code.
      await page.click('.portal-nav a[href="/portal/claims"]');
      await checkPage(w, 'portal-claims', '#claimCode');
      await page.fill('#claimCode', seed.credentials['ana-convalidacion'].claimCode);
      await fillDocument(ANA);
      await page.click('main form button[type=submit]');
      await page.waitForURL(/\/portal\/credentials\?done=claimed/);
      expect(await page.locator('main .items > li').count()).toBe(2);
      expect(await page.textContent('main')).toContain('Profesional en Enfermería');

      // Open one: its details, its files.
      await page.click('main .items a:has-text("Licenciada en Enfermería")');
      await page.waitForURL(/\/portal\/credentials\/[0-9a-f-]{36}$/);
      await checkPage(w, 'portal-credential', 'main .actions a.button');
      const [json] = await Promise.all([
        page.waitForEvent('download'),
        page.click('a[href$="/download"]'),
      ]);
      const vc = JSON.parse(readFileSync(await json.path(), 'utf8'));
      expect(vc.proof).toBeDefined();
      expect(vc.credentialSubject.titleAsIssued).toBe('Licenciada en Enfermería');
      const [pdf] = await Promise.all([
        page.waitForEvent('download'),
        page.click('a[href$="/pdf"]'),
      ]);
      expect(
        readFileSync(await pdf.path())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');

      // Share it: choose it, a week, and show the QR code for another phone.
      await page.click('main .actions a.button[href^="/portal/shares/new"]');
      await page.waitForURL(/\/portal\/shares\/new/);
      await checkPage(w, 'portal-share-new', '#credential-0');
      expect(await page.isChecked('input[name=credentialIds]:checked')).toBe(true);
      await page.fill('#label', 'Clínica Demo');
      await page.click('main form button[type=submit]');
      await page.waitForURL(/\/portal\/shares\/[0-9a-f-]{36}\/qr$/);
      await checkPage(w, 'portal-share-qr', 'svg.qr');
      const shareUrl = (await page.textContent('#share-link'))!.trim();
      expect(shareUrl.startsWith(`${base}/v/`)).toBe(true);
      expect(decodeQrPng(await page.locator('svg.qr').screenshot())).toBe(shareUrl);

      // Another phone scans it and asks what it is worth in Peru, for employment.
      const verifier = await mobileContext();
      const other = await verifier.newPage();
      await other.goto(shareUrl);
      expect(await other.locator('#verdict-0 h1').textContent()).toBe('Credencial válida');
      expect(await other.textContent('main')).toContain('Licenciada en Enfermería');
      expect(await other.textContent('main')).not.toContain('Profesional en Enfermería');
      await other.selectOption('#country', 'PE');
      await other.click('#recognition-form button[type=submit]');
      await other.locator('#recognition-answer .answer').waitFor();

      // The holder sees who checked: when, from which country, for what.
      await page.click('main a.button:has-text("Listo")');
      await page.waitForURL(/\/portal\/shares\/[0-9a-f-]{36}$/);
      expect(await page.textContent('main')).toContain('Perú');
      expect(await page.textContent('main')).toContain('Empleo');
      await checkPage(w, 'portal-share', 'main h1');

      // Stops it, after saying yes on a page of its own; the link stops working at once.
      await page.click('main a.button.danger');
      await page.waitForURL(/\/portal\/shares\/[0-9a-f-]{36}\/revoke$/);
      await checkPage(w, 'portal-share-revoke-confirm', 'main form button.danger');
      await page.click('main form button.danger');
      await page.waitForURL(/done=revoked/);
      expect(await page.textContent('main')).toContain('Detenido');
      await screenshot(page, 'portal-share-revoked');
      const stopped = await other.goto(shareUrl);
      expect(stopped?.status()).toBe(410);
      expect(await other.locator('#verdict-0 h1').textContent()).toBe(
        'La persona dejó de compartir este enlace',
      );
      expect(await axeViolations(other)).toEqual([]);
      await verifier.close();

      await page.click('.portal-nav a[href="/portal/shares"]');
      await checkPage(w, 'portal-shares', 'a.button[href="/portal/shares/new"]');
    }, 300_000);

    it('shares two credentials at once, each with its verdict', async () => {
      await page.goto(`${base}/portal/shares/new`);
      await page.check('#credential-0');
      await page.check('#credential-1');
      await page.check('#days-1');
      await page.click('main form button[type=submit]');
      await page.waitForURL(/\/qr$/);
      const shareUrl = (await page.textContent('#share-link'))!.trim();
      const verifier = await mobileContext();
      const w2 = await watchedPage(verifier);
      await w2.page.goto(shareUrl);
      expect(await w2.page.locator('h1').textContent()).toBe('Credenciales compartidas con usted');
      expect(await w2.page.locator('.verdict').count()).toBe(2);
      expect(await w2.page.textContent('main')).toContain('Licenciada en Enfermería');
      expect(await w2.page.textContent('main')).toContain('Profesional en Enfermería');
      await w2.page.selectOption('#country', 'PE');
      await w2.page.selectOption('#purpose', 'ACADEMIC_CONTINUATION');
      await w2.page.click('#recognition-form button[type=submit]');
      await w2.page.locator('#recognition-answer .answer >> nth=1').waitFor();
      expect(await w2.page.locator('#recognition-answer .answer-of').count()).toBe(2);
      await checkPage(w2, 'verify-share-two', '#recognition-answer .answer-title');
      await verifier.close();
    });

    it('switches language and remembers it', async () => {
      await page.goto(`${base}/portal/credentials`);
      await page.click('nav.langs a[hreflang="pt"]');
      expect(await page.getAttribute('html', 'lang')).toBe('pt');
      expect(await page.locator('h1').textContent()).toBe('Minhas credenciais');
      await page.click('.portal-nav a[href="/portal/account"]');
      expect(await page.getAttribute('html', 'lang')).toBe('pt');
      await checkPage(w, 'portal-account-pt', 'a[href="/portal/account/export"]');
      await page.click('nav.langs a[hreflang="es"]');
      expect(await page.getAttribute('html', 'lang')).toBe('es');
    });

    it('sets a new password with a printed recovery code', async () => {
      const phone = await mobileContext();
      const w2 = await watchedPage(phone);
      await w2.page.goto(`${base}/portal`);
      await w2.page.click('main a[href="/portal/recover"]');
      await w2.page.waitForURL(/\/portal\/recover$/);
      await checkPage(w2, 'portal-recover', '#documentType');
      await fillDocument(ANA, w2.page);
      await w2.page.fill('#recoveryCode', recoveryCodes[0]);
      await w2.page.fill('#password', 'una contraseña nueva para Ana 2027');
      await w2.page.click('main form button[type=submit]');
      await w2.page.waitForURL(/\/portal\/credentials\?done=recovered/);
      expect(await w2.page.textContent('main')).toContain('Licenciada en Enfermería');
      password = 'una contraseña nueva para Ana 2027';
      await phone.close();
      // The recovery ended the other sessions: this one signs in again.
      await page.goto(`${base}/portal/credentials`);
      await page.waitForURL(/\/portal(\?.*)?$/);
      await fillDocument(ANA);
      await page.fill('#password', password);
      await page.click('main form button[type=submit]');
      await page.waitForURL(/\/portal\/credentials$/);
    });

    it('exports the data, signs out and in, and deletes the account', async () => {
      await page.goto(`${base}/portal/account`);
      const [exported] = await Promise.all([
        page.waitForEvent('download'),
        page.click('a[href="/portal/account/export"]'),
      ]);
      const data = JSON.parse(readFileSync(await exported.path(), 'utf8'));
      expect(data.credentials).toHaveLength(2);
      expect(JSON.stringify(data)).not.toContain('DEMO-PPT-0003');

      await page.click('.portal-nav button:has-text("Salir")');
      await page.waitForURL(/\/portal\?done=loggedOut/);
      expect(await page.locator('.notice').textContent()).toContain('Salió de su cuenta');

      await fillDocument(ANA);
      await page.fill('#password', 'not the password at all');
      await page.click('main form button[type=submit]');
      expect(await page.locator('.error-summary').textContent()).toContain('no son correctos');
      await fillDocument(ANA);
      await page.fill('#password', password);
      await page.click('main form button[type=submit]');
      await page.waitForURL(/\/portal\/credentials$/);

      await page.click('.portal-nav a[href="/portal/account"]');
      await page.click('main form button.danger');
      expect(await page.locator('#confirm-error').isVisible()).toBe(true);
      await page.check('#confirm');
      await page.click('main form button.danger');
      await page.waitForURL(/\/portal\?done=erased/);
      expect(await page.textContent('main')).toContain('Su cuenta fue eliminada');
      // Her credentials still verify.
      await page.goto(link('ana-titulo'));
      expect(await page.locator('#verdict-0 h1').textContent()).toBe('Credencial válida');
    });

    it('opens a new account after erasure with an assisted code from the operator', async () => {
      const issued = await t.http
        .post(`/admin/credentials/${seed.credentials['ana-titulo'].id}/recovery-code`)
        .set('Authorization', `Bearer ${t.config.secrets.ADMIN_TOKEN}`)
        .send({
          documentType: ANA.type,
          documentCountry: ANA.country,
          documentNumber: ANA.number,
          reason: 'Identity checked at the registry desk',
        });
      expect(issued.status).toBe(201);
      const desktop = await browser.newContext({ viewport: DESKTOP, locale: 'es-CO' });
      const w2 = await watchedPage(desktop);
      await w2.page.goto(`${base}/portal/recover`);
      await fillDocument(ANA, w2.page);
      await w2.page.fill('#recoveryCode', issued.body.recoveryCode);
      await w2.page.fill('#password', 'de vuelta con mis títulos 2027');
      await w2.page.click('main form button[type=submit]');
      await w2.page.waitForURL(/\/portal\/credentials\?done=recovered/);
      expect(await w2.page.textContent('main')).toContain('Licenciada en Enfermería');
      expect(await axeViolations(w2.page)).toEqual([]);
      await screenshot(w2.page, 'portal-recovered-assisted');
      await desktop.close();
    });

    it('refuses a form posted without its CSRF token', async () => {
      const res = await page.request.post(`${base}/portal/login`, {
        form: { documentType: 'PPT', documentCountry: 'CO', documentNumber: 'X1', password: 'x' },
      });
      expect(res.status()).toBe(403);
    });

    it('is usable by keyboard: the first Tab reaches the skip link', async () => {
      await page.goto(`${base}/portal`);
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement.className')).toBe('skip');
      await page.keyboard.press('Enter');
      expect(await page.evaluate('document.activeElement.id')).toBe('main');
    });
  });
});
