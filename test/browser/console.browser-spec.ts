import type { Browser, Page } from 'playwright-core';
import { DemoSeedService } from '../../src/modules/demo/demo-seed.service.js';
import { asAdmin } from '../helpers/admin.js';
import { openCaseBody, venezuelanTitleBody, type TestHolder } from '../helpers/bodies.js';
import { awaitFreshStep, createCaseWorker, STAFF_PASSWORD, totpCode } from '../helpers/console.js';
import { asHolder, issueTo, registerHolder } from '../helpers/holders.js';
import { freePort } from '../helpers/process.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import {
  axeViolations,
  DESKTOP,
  launchChromium,
  MOBILE,
  screenshot,
  watchedPage,
  type Watched,
} from './browser.js';

const HOLDER_PASSWORD = 'mi perro se llama Toby 2019';

const holderFor = (n: number): TestHolder => ({
  documents: [{ type: 'PPT', country: 'CO', number: `DEMO-PPT-61${n}0` }],
  givenNames: 'Marisol',
  familyNames: `Demo Ortega ${n}`,
});

describe('the case-worker console in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let venezuelanUniversity: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await startTestApp({ PUBLIC_BASE_URL: base });
    await t.app.listen(port, '127.0.0.1');
    await t.app.get(DemoSeedService).seed();
    venezuelanUniversity = (await asAdmin(t).post('/admin/issuers/ve-unc/api-keys')).body.apiKey;
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A holder's case for Colombia's authority, opened through the holder API. */
  async function openCase(n: number): Promise<string> {
    const holder = holderFor(n);
    const title = await issueTo(t, venezuelanUniversity, venezuelanTitleBody(holder));
    const registered = await registerHolder(
      t,
      holder.documents[0],
      title.claimCode,
      HOLDER_PASSWORD,
    );
    const res = await asHolder(t, registered.body.accessToken).post(
      '/holder/cases',
      openCaseBody([title.id]),
    );
    return res.body.id as string;
  }

  /** The page is accessible, from our origin only, without errors, no wider than the screen. */
  async function expectClean(w: Watched, name: string): Promise<void> {
    expect(w.errors).toEqual([]);
    expect(w.requests.filter((url) => !url.startsWith(`${base}/`))).toEqual([]);
    expect(await axeViolations(w.page)).toEqual([]);
    const overflowing = await w.page.evaluate<string[]>(`[...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1
        && !el.closest('.table-wrap'))
      .map((el) => el.tagName + '.' + el.className)`);
    expect(overflowing).toEqual([]);
    await screenshot(w.page, `console-${name}`);
  }

  const submit = (page: Page, action: string) =>
    Promise.all([
      page.waitForNavigation(),
      page.locator(`form[action$="${action}"] button[type=submit]`).click(),
    ]);

  for (const [name, viewport, n] of [
    ['phone', MOBILE, 1],
    ['desktop', DESKTOP, 2],
  ] as const) {
    it(`walks enrolment, sign-in, the queue, a case, a request, a decision and the figures on a ${name}`, async () => {
      const caseId = await openCase(n);
      const login = `staff${n}@men.example`;
      const { enrolmentCode } = await createCaseWorker(t, 'co-men-demo', login, `Staff ${n}`);
      const context = await browser.newContext({ viewport, locale: 'es-CO' });
      const w = await watchedPage(context);
      const { page } = w;

      // Enrolment: the code and a password, then the secret as a QR code and as text.
      const enrolPage = await page.goto(`${base}/console/enrol`);
      expect(enrolPage?.headers()['content-security-policy']).toContain("script-src 'self'");
      await expectClean(w, `${name}-enrol`);
      await page.fill('#enrolmentCode', enrolmentCode);
      await page.fill('#password', STAFF_PASSWORD);
      await submit(page, '/console/enrol');
      expect(await page.locator('svg.qr').count()).toBe(1);
      await expectClean(w, `${name}-totp`);
      const secret = (await page.locator('#totp-secret').innerText()).replace(/\s/g, '');
      await awaitFreshStep();
      await page.fill('#totp', await totpCode(secret, -1));
      await submit(page, '/console/enrol/confirm');
      expect(page.url()).toBe(`${base}/console?done=enrolled`);
      await expectClean(w, `${name}-login`);

      // Sign-in: password and the current code, generated here as the app would.
      await page.fill('#login', login);
      await page.fill('#password', STAFF_PASSWORD);
      await page.fill('#totp', await totpCode(secret));
      await submit(page, '/console/login');
      expect(page.url()).toBe(`${base}/console/cases`);
      await expectClean(w, `${name}-queue`);

      // The case, with its verified evidence.
      await Promise.all([
        page.waitForNavigation(),
        page.locator(`a[href="/console/cases/${caseId}"]`).click(),
      ]);
      expect(await page.locator('#evidence-title').count()).toBe(1);
      expect(await page.locator('#precedents-title').count()).toBe(1);
      await expectClean(w, `${name}-case`);

      await page.fill('#message', 'Envíe el plan de estudios con las horas por asignatura.');
      await submit(page, '/info-request');
      expect(page.url()).toBe(`${base}/console/cases/${caseId}?done=info`);
      expect(await page.locator('.notice.ok').count()).toBe(1);

      // The decision: recognised with an exam to pass.
      await page.check('#outcome-RECOGNISED_WITH_CONDITIONS');
      await page.fill('#decisionNumber', `DEMO-RES-2026-07${n}`);
      await page.fill('#equivalentTitle', 'Profesional en Enfermería');
      await page.fill('#framework', 'CO-MNC');
      await page.fill('#level', '6');
      await page.check('#effects-ACADEMIC');
      await page.check('#effects-EMPLOYMENT');
      await page.selectOption('#conditionKind1', 'EXAM');
      await page.fill('#conditionText1', 'Examen de salud pública (demo)');
      await submit(page, '/decision');
      expect(page.url()).toBe(`${base}/console/cases/${caseId}?done=decided`);
      expect(await page.locator('#decision-title').count()).toBe(1);
      await expectClean(w, `${name}-decided`);

      await Promise.all([
        page.waitForNavigation(),
        page.locator('a[href="/console/figures"]').click(),
      ]);
      expect(await page.locator('#by-route').count()).toBe(1);
      await expectClean(w, `${name}-figures`);
      await context.close();
    }, 300_000); // seven pages checked by axe, on a shared and loaded machine
  }
});
