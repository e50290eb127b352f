import type { Browser } from 'playwright-core';
import { DemoSeedService, type DemoSeedResult } from '../../src/modules/demo/demo-seed.service.js';
import { freePort } from '../helpers/process.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import {
  axeViolations,
  DESKTOP,
  launchChromium,
  MOBILE,
  screenshot,
  visibleWithoutScrolling,
  watchedPage,
} from './browser.js';

// What the employer meets first (issue 17): a pasted claim code, a link that asks for a country,
// a decision with its origin, a revoked credential, a holder's share; on a phone and a desktop.
describe('the verification page as an employer meets it, in Chromium', () => {
  let t: TestApp;
  let base: string;
  let seed: DemoSeedResult;
  let browser: Browser;
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
    await browser?.close();
    await t?.close();
  });

  const sizes = [
    ['phone', MOBILE],
    ['desktop', DESKTOP],
  ] as const;

  it.each(sizes)('answers a pasted claim code with what it is (%s)', async (name, viewport) => {
    const context = await browser.newContext({ viewport, locale: 'es-CO' });
    const w = await watchedPage(context);
    await w.page.goto(`${base}/`);
    await w.page.fill('#code', seed.credentials['maria-cuidado'].claimCode);
    await w.page.click('#verify-form button[type=submit]');
    await w.page.locator('#claim-code').waitFor();
    expect(await w.page.locator('#claim-code h2').textContent()).toContain('código para reclamar');
    expect(await w.page.locator('#code-error').count()).toBe(0);
    expect(await w.page.locator('.verdict.bad').count()).toBe(0);
    expect(await w.page.getAttribute('#claim-code a.button', 'href')).toBe('/portal/signup');
    expect(await visibleWithoutScrolling(w.page, '#claim-code')).toBe(true);
    expect(w.errors).toEqual([]);
    expect(await axeViolations(w.page)).toEqual([]);
    await screenshot(w.page, `people-claim-code-${name}`);
    await context.close();
  });

  it.each(sizes)(
    'lands on the answer of a link with country and purpose, with the decision’s origin (%s)',
    async (name, viewport) => {
      const context = await browser.newContext({ viewport, locale: 'es-PE' });
      const w = await watchedPage(context);
      await w.page.goto(`${link('ana-convalidacion')}?country=PE&purpose=ACADEMIC_CONTINUATION`);
      const answer = w.page.locator('#recognition-answer .answer');
      expect(await answer.getAttribute('data-outcome')).toBe('RECOGNISED');
      expect(await visibleWithoutScrolling(w.page, '#recognition-answer .answer-title')).toBe(true);
      const words = (await answer.textContent()) ?? '';
      expect(words).toContain('En Perú, para Continuar estudios');
      expect(words).toContain('Nivel 6 del PE-MNC: Profesional (grado)');
      expect(words).not.toContain('CO-MNC');
      // The decision card: the title it recognised, where from, and the decision itself.
      const card = (await w.page.locator('#verdict-0 ~ .facts').textContent()) ?? '';
      for (const fact of [
        'Licenciada en Enfermería',
        'Universidad Nacional de Caribay (ficticia)',
        'Venezuela',
        'DEMO-RES-2023-0001',
        '12 de septiembre de 2023',
        'Concedida',
      ]) {
        expect(card).toContain(fact);
      }
      expect(w.errors).toEqual([]);
      expect(await axeViolations(w.page)).toEqual([]);
      await screenshot(w.page, `people-decision-PE-${name}`);
      await context.close();
    },
  );

  it('says "no Peru" in Portuguese and preselects the browser’s country', async () => {
    const context = await browser.newContext({ viewport: MOBILE, locale: 'pt-BR' });
    const w = await watchedPage(context);
    await w.page.goto(`${link('maria-cuidado')}?lang=pt`);
    expect(await w.page.locator('#country').inputValue()).toBe('BR');
    await w.page.selectOption('#country', 'PE');
    await w.page.click('#recognition-form button[type=submit]');
    const context2 = w.page.locator('#recognition-answer .answer-context');
    await context2.waitFor();
    expect(await context2.textContent()).toBe('No Peru, para Emprego');
    expect(await axeViolations(w.page)).toEqual([]);
    await screenshot(w.page, 'people-maria-pt-PE');
    await context.close();
  });

  it.each(sizes)(
    'shows a revoked credential dated, with no green tick (%s)',
    async (name, viewport) => {
      const context = await browser.newContext({ viewport, locale: 'es-CO' });
      const w = await watchedPage(context);
      await w.page.goto(link('pedro-cocina'));
      expect(await w.page.locator('#verdict-0 h1').textContent()).toBe('Credencial revocada');
      const card = (await w.page.locator('.facts').textContent()) ?? '';
      expect(card).toMatch(/Revocada el\s*\d{1,2} de [a-z]+ de \d{4}/);
      expect(card).not.toContain('Sin fecha de vencimiento');
      expect(await w.page.locator('.check.ok').count()).toBe(0);
      expect(await w.page.locator('.verdict.ok').count()).toBe(0);
      expect(await axeViolations(w.page)).toEqual([]);
      await screenshot(w.page, `people-revoked-${name}`);
      await context.close();
    },
  );

  it.each(sizes)('says a share is a share, whose and until when (%s)', async (name, viewport) => {
    const rosa = { documentType: 'RUT', documentCountry: 'CL', documentNumber: 'DEMO-RUT-0007' };
    let token = (
      await t.http
        .post('/holder/login')
        .send({ ...rosa, password: 'ayudante de cocina en Lima 2026' })
    ).body.accessToken as string | undefined;
    if (!token) {
      const registered = await t.http.post('/holder/register').send({
        ...rosa,
        claimCode: seed.credentials['rosa-ayudante-cocina'].claimCode,
        password: 'ayudante de cocina en Lima 2026',
      });
      expect(registered.status).toBe(201);
      token = registered.body.accessToken as string;
    }
    const expiresAt = new Date(Date.now() + 7 * 86_400_000);
    const share = await t.http
      .post('/holder/shares')
      .set('Authorization', `Bearer ${token}`)
      .send({
        credentialIds: [seed.credentials['rosa-ayudante-cocina'].id],
        expiresAt: expiresAt.toISOString(),
      });
    expect(share.status).toBe(201);

    const context = await browser.newContext({ viewport, locale: 'es-CO' });
    const w = await watchedPage(context);
    await w.page.goto(share.body.url as string);
    const notice = (await w.page.locator('#share-notice').textContent()) ?? '';
    expect(notice).toContain('Rosa Demo Vidal le compartió este enlace');
    const until = new Intl.DateTimeFormat('es-419', {
      dateStyle: 'long',
      timeZone: 'UTC',
    }).format(expiresAt);
    expect(notice).toContain(`Vence el ${until}`);
    expect(await visibleWithoutScrolling(w.page, '#share-notice')).toBe(true);
    expect(w.errors).toEqual([]);
    expect(await axeViolations(w.page)).toEqual([]);
    await screenshot(w.page, `people-share-${name}`);
    await context.close();
  });
});
