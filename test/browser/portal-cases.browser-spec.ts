import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { DemoSeedService } from '../../src/modules/demo/demo-seed.service.js';
import { asAdmin } from '../helpers/admin.js';
import {
  conditionalDecisionBody,
  venezuelanTitleBody,
  type TestHolder,
} from '../helpers/bodies.js';
import { issueTo, registerHolder } from '../helpers/holders.js';
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

const PASSWORD = 'mi perro se llama Toby 2019';
// Rafael: a Venezuelan nurse in Colombia whose title was never apostilled.
const RAFAEL: TestHolder = {
  documents: [{ type: 'PPT', country: 'CO', number: 'DEMO-PPT-6161' }],
  givenNames: 'Rafael',
  familyNames: 'Demo Úrsula',
};

const SCANNED_TITLE = {
  name: 'Título escaneado.pdf',
  mimeType: 'application/pdf',
  buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
};
const STUDY_PLAN = {
  name: 'plan de estudios.png',
  mimeType: 'image/png',
  buffer: PNG.sync.write(new PNG({ width: 4, height: 4 })),
};

describe('a recognition case in the portal, in Chromium: open, answer, see the decision', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let w: Watched;
  let page: Page;
  let men: string;
  let caseId: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await startTestApp({ PUBLIC_BASE_URL: base });
    await t.app.listen(port, '127.0.0.1');
    await t.app.get(DemoSeedService).seed();
    const apiKey = async (slug: string) =>
      (await asAdmin(t).post(`/admin/issuers/${slug}/api-keys`)).body.apiKey as string;
    men = await apiKey('co-men-demo');
    const title = await issueTo(t, await apiKey('ve-unc'), venezuelanTitleBody(RAFAEL));
    await registerHolder(t, RAFAEL.documents[0], title.claimCode, PASSWORD);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: MOBILE, locale: 'es-CO' });
    w = await watchedPage(context);
    page = w.page;
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const authority = (path: string, body: object) =>
    t.http.post(path).set('Authorization', `Bearer ${men}`).send(body);

  /**
   * No script or CSP error, no serious or critical axe violation and nothing wider than the
   * screen, on the phone and on a desktop; a screenshot at each size.
   */
  async function checkPage(name: string): Promise<void> {
    expect(w.errors).toEqual([]);
    for (const viewport of [MOBILE, DESKTOP]) {
      await page.setViewportSize(viewport);
      expect(await axeViolations(page)).toEqual([]);
      const width = await page.evaluate<number>('document.documentElement.scrollWidth');
      expect(width).toBeLessThanOrEqual(viewport.width);
      await screenshot(page, name);
    }
    await page.setViewportSize(MOBILE);
  }

  it('signs in and opens a case with a scanned title, after a first try with nothing chosen', async () => {
    const [document] = RAFAEL.documents;
    await page.goto(`${base}/portal`);
    await page.selectOption('#documentType', document.type);
    await page.selectOption('#documentCountry', document.country);
    await page.fill('#documentNumber', document.number);
    await page.fill('#password', PASSWORD);
    await page.click('main form button[type=submit]');
    await page.waitForURL(/\/portal\/credentials/);

    await page.click('.portal-nav a[href="/portal/cases"]');
    await page.click('main a.button[href="/portal/cases/new"]');
    await page.waitForURL(/\/portal\/cases\/new$/);
    expect(await page.locator('form[enctype="multipart/form-data"]').count()).toBe(1);
    expect(await page.textContent('main')).toContain('Plazo legal: 180 días calendario.');
    await checkPage('portal-case-new');

    await page.click('main form button[type=submit]');
    await page.locator('#form-errors').waitFor();
    expect(await page.textContent('#credentials-error')).toBe('Elija al menos una credencial.');
    await checkPage('portal-case-new-errors');

    await page.selectOption('#country', 'CO');
    await page.check('#purpose-ACADEMIC_CONTINUATION');
    await page.check('#credential-0');
    await page.check('#legalisation-NONE');
    await page.fill('#statement', 'No pude apostillar mi título en Venezuela.');
    await page.setInputFiles('#files', SCANNED_TITLE);
    await page.click('main form button[type=submit]');
    await page.waitForURL(/\/portal\/cases\/[0-9a-f-]{36}\?done=caseOpened$/);
    caseId = new URL(page.url()).pathname.split('/')[3];
    const main = await page.textContent('main');
    expect(main).toContain('Enviamos su pedido. El plazo legal empieza hoy.');
    expect(main).toContain('Titulo escaneado.pdf');
    expect(main).toMatch(/días que faltan/);
    await checkPage('portal-case-submitted');
  });

  it('answers the authority’s request for information with a file', async () => {
    const asked = await authority(`/authority/cases/${caseId}/info-requests`, {
      message: 'Adjunte el plan de estudios.',
    });
    expect(asked.status).toBe(200);
    await page.goto(`${base}/portal/cases/${caseId}`);
    expect(await page.textContent('main')).toContain(
      'Detenido mientras responde a la solicitud de información',
    );
    await checkPage('portal-case-info-requested');

    await page.fill('#message', 'Aquí está el plan de estudios.');
    await page.setInputFiles('#files', STUDY_PLAN);
    await page.click('#answer-title ~ form button[type=submit]');
    await page.waitForURL(/\?done=caseAnswered$/);
    const main = await page.textContent('main');
    expect(main).toContain('Enviamos su respuesta; el plazo vuelve a correr.');
    expect(main).toContain('plan de estudios.png');
    expect(await page.locator('#message').count()).toBe(0);
    await checkPage('portal-case-answered');
  });

  it('sees the decision and opens its credential', async () => {
    const decided = await authority(
      `/authority/cases/${caseId}/decision`,
      conditionalDecisionBody(),
    );
    expect(decided.status).toBe(200);
    await page.goto(`${base}/portal/cases/${caseId}`);
    const main = await page.textContent('main');
    expect(main).toContain('Reconocido con condiciones');
    expect(main).toContain('Examen de salud pública (demo)');
    await checkPage('portal-case-decided');

    await page.click('#decision-title ~ p a.button');
    await page.waitForURL(`${base}/portal/credentials/${decided.body.decisionCredentialId}`);
    expect(w.errors).toEqual([]);
  });
});
