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
  screenshot,
  SCREENSHOTS,
  visibleWithoutScrolling,
  watchedPage,
} from './browser.js';

// What the migrant meets in the portal (issue 17): a share's QR code with nothing drawn over it,
// full screen or not, with script or without; times in their own zone; their consents.
const ANA = { type: 'PPT', country: 'CO', number: 'DEMO-PPT-0003' };
const PASSWORD = 'cuidar pacientes con calma 2026';
// The browser's zone, which the sign-in form sends along: not the zone of Ana's documents (CO).
const ZONE = 'America/Lima';

interface Overlap {
  qr: { x: number; y: number; width: number; height: number };
  /** Every visible element whose box meets the QR code's (neither its ancestor nor its part). */
  overlapping: string[];
  /** The QR code lies wholly inside the viewport. */
  inViewport: boolean;
}

// Runs in the page (a string, so that this file needs no DOM typings). In full screen only the
// full-screen element is drawn, so only its elements are compared.
const OVERLAP_PROBE = `(() => {
  const qr = document.querySelector('svg.qr');
  const root = document.fullscreenElement || document.body;
  const box = qr.getBoundingClientRect();
  const overlapping = [];
  for (const el of root.querySelectorAll('*')) {
    if (el === qr || qr.contains(el) || el.contains(qr)) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0') continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.left < box.right && r.right > box.left && r.top < box.bottom && r.bottom > box.top) {
      overlapping.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className : ''));
    }
  }
  return {
    qr: { x: box.x, y: box.y, width: box.width, height: box.height },
    overlapping,
    inViewport: box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth,
  };
})()`;

describe('the holder portal as a migrant meets it, in Chromium', () => {
  let t: TestApp;
  let base: string;
  let seed: DemoSeedResult;
  let browser: Browser;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await startTestApp({ PUBLIC_BASE_URL: base });
    await t.app.listen(port, '127.0.0.1');
    seed = await t.app.get(DemoSeedService).seed();
    const registered = await t.http.post('/holder/register').send({
      documentType: ANA.type,
      documentCountry: ANA.country,
      documentNumber: ANA.number,
      claimCode: seed.credentials['ana-titulo'].claimCode,
      password: PASSWORD,
    });
    expect(registered.status).toBe(201);
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

  const newContext = (viewport: typeof MOBILE, javaScriptEnabled = true) =>
    browser.newContext({ viewport, locale: 'es-CO', timezoneId: ZONE, javaScriptEnabled });

  async function signIn(page: Page): Promise<void> {
    await page.goto(`${base}/portal`);
    await page.selectOption('#documentType', ANA.type);
    await page.selectOption('#documentCountry', ANA.country);
    await page.fill('#documentNumber', ANA.number);
    await page.fill('#password', PASSWORD);
    await page.click('form[action="/portal/login"] button[type=submit]');
    await page.waitForURL(/\/portal\/credentials$/);
  }

  /** A new share of Ana's credential, and its QR page open. */
  async function shareQr(page: Page): Promise<string> {
    await page.goto(`${base}/portal/shares/new`);
    await page.check('#credential-0');
    await page.click('main form button[type=submit]');
    await page.waitForURL(/\/portal\/shares\/[0-9a-f-]{36}\/qr$/);
    return (await page.textContent('#share-link'))!.trim();
  }

  async function expectQrClear(page: Page, shareUrl: string): Promise<Overlap> {
    const probe = await page.evaluate<Overlap>(OVERLAP_PROBE);
    expect(probe.overlapping).toEqual([]);
    expect(probe.inViewport).toBe(true);
    const png = await page.screenshot({ clip: probe.qr });
    expect(decodeQrPng(png)).toBe(shareUrl);
    return probe;
  }

  it.each(sizes)(
    'shows the share’s QR code whole, full screen or not, nothing over it (%s)',
    async (name, viewport) => {
      const context = await newContext(viewport);
      const w = await watchedPage(context);
      await signIn(w.page);
      const shareUrl = await shareQr(w.page);
      expect(shareUrl.startsWith(`${base}/v/`)).toBe(true);

      // The page itself, before full screen.
      await expectQrClear(w.page, shareUrl);
      expect(await axeViolations(w.page)).toEqual([]);
      await screenshot(w.page, `portal-qr-page-${name}`);

      // Full screen: the code as large as the screen allows, its link below it.
      await w.page.click('#qr-fullscreen');
      await w.page.waitForFunction('document.fullscreenElement?.id === "qr-view"');
      const full = await expectQrClear(w.page, shareUrl);
      const link = await w.page.locator('#share-link').boundingBox();
      expect(link!.y).toBeGreaterThanOrEqual(full.qr.y + full.qr.height);
      expect(await visibleWithoutScrolling(w.page, '#share-link')).toBe(true);
      expect(Math.min(full.qr.width, full.qr.height)).toBeGreaterThan(
        Math.min(viewport.width, viewport.height) * 0.6,
      );
      // What the screen shows: the viewport only (a full-page capture would resize it).
      await w.page.screenshot({
        path: resolve(
          SCREENSHOTS,
          `portal-qr-fullscreen-${name}-${viewport.width}x${viewport.height}.png`,
        ),
      });
      expect(w.errors).toEqual([]);

      // The same page without script: no full-screen button, and still nothing over the code.
      const plain = await newContext(viewport, false);
      await plain.addCookies(await context.cookies());
      const p = await plain.newPage();
      await p.goto(w.page.url());
      expect(await p.locator('#qr-fullscreen').isVisible()).toBe(false);
      await expectQrClear(p, shareUrl);
      await screenshot(p, `portal-qr-nojs-${name}`);
      await plain.close();
      await context.close();
    },
  );

  it.each(sizes)(
    'shows times in the browser’s zone, and the consents, withdrawn in a click (%s)',
    async (name, viewport) => {
      const context: BrowserContext = await newContext(viewport);
      const w = await watchedPage(context);
      await signIn(w.page);

      await w.page.goto(`${base}/portal/account`);
      expect(await w.page.textContent('main')).toContain(`(${ZONE})`);
      expect(await w.page.locator('#timeZone').inputValue()).toBe(ZONE);
      expect(await axeViolations(w.page)).toEqual([]);
      await screenshot(w.page, `portal-account-time-zone-${name}`);

      await w.page.click('main a[href="/portal/account/consents"]');
      await w.page.waitForURL(/\/portal\/account\/consents$/);
      expect(await w.page.locator('main section.card').count()).toBe(2);
      expect(await axeViolations(w.page)).toEqual([]);
      await screenshot(w.page, `portal-consents-${name}`);

      const granted = name === 'phone' ? 'no' : 'yes';
      await w.page.check(`#statistics-${granted}`);
      await w.page.click('form:has(#statistics) button[type=submit]');
      await w.page.waitForURL(/done=consentSaved/);
      expect(await w.page.locator('.notice.ok').textContent()).toContain('Guardamos su decisión');
      const login = await t.http.post('/holder/login').send({
        documentType: ANA.type,
        documentCountry: ANA.country,
        documentNumber: ANA.number,
        password: PASSWORD,
      });
      const consents = await t.http
        .get('/holder/consents')
        .set('Authorization', `Bearer ${login.body.accessToken as string}`);
      expect(consents.body.statistics.granted).toBe(granted === 'yes');
      expect(w.errors).toEqual([]);
      await context.close();
    },
  );
});
