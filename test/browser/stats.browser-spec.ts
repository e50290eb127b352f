import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { DemoPilot } from '../../src/modules/demo/demo-pilot.js';
import { DemoSeedService } from '../../src/modules/demo/demo-seed.service.js';
import { freePort } from '../helpers/process.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import {
  axeViolations,
  DESKTOP,
  launchChromium,
  MOBILE,
  PAGE_BUDGET_BYTES,
  screenshot,
  visibleWithoutScrolling,
  watchedPage,
} from './browser.js';

/**
 * Our CSV's lines: table, country, period, type, the row's code, count, suppressed, share. By
 * position, since the certifications table's rows are periods too; no comma nor quote inside.
 */
function parseCsv(text: string) {
  const [, ...lines] = text.trim().split(/\r?\n/);
  return lines.map((line) => {
    const [, country, , , code, count, suppressed] = line.split(',');
    return { country, code, count, suppressed };
  });
}

interface Table {
  columns: string[];
  rows: { code: string; cells: { value: number | null; suppressed: boolean }[] }[];
}

describe('the statistics page in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // The demo pilot: a first start's published tables.
    t = await startTestApp({ PUBLIC_BASE_URL: base, SEED_DEMO_PILOT: 'true' });
    await t.app.listen(port, '127.0.0.1');
    await t.app.get(DemoSeedService).seed();
    expect(await t.app.get(DemoPilot).queued).toBe(900);
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      // On a loaded machine a poll may time out waiting for a connection: poll again.
      const pending = await t.dataSource
        .query<{ n: number }[]>(
          "SELECT count(*)::int AS n FROM issuance_job WHERE status NOT IN ('DONE', 'FAILED')",
        )
        .catch(() => [{ n: 1 }]);
      if (pending[0].n === 0) break;
    }
    // The pilot's headline table, for the record: all, then each pilot country.
    for (const query of ['', '?country=CO', '?country=PE']) {
      const headline = await t.http.get(`/stats/headline${query}`);
      process.stdout.write(`headline${query}: ${JSON.stringify(headline.body)}\n`);
    }
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  for (const [name, viewport] of [
    ['phone', MOBILE],
    ['desktop', DESKTOP],
  ] as const) {
    it(`is accessible and fits a ${name} (${viewport.width} px), from our origin only`, async () => {
      const context = await browser.newContext({ viewport, locale: 'es-CO' });
      const w = await watchedPage(context);
      const res = await w.page.goto(`${base}/stats`, { waitUntil: 'networkidle' });
      expect(res?.headers()['content-security-policy']).toContain("style-src-attr 'none'");
      expect(w.errors).toEqual([]);
      expect(w.requests.filter((url) => !url.startsWith(`${base}/`))).toEqual([]);
      expect(await axeViolations(w.page)).toEqual([]);
      // Nothing wider than the screen but the tables' own scrolling regions.
      const overflowing = await w.page.evaluate<string[]>(`[...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1
          && !el.closest('.table-scroll'))
        .map((el) => el.tagName + '.' + el.className)`);
      expect(overflowing).toEqual([]);
      expect(await w.page.locator('svg.chart').count()).toBe(16);
      if (name === 'phone') {
        expect(await visibleWithoutScrolling(w.page, '#headline li:first-child')).toBe(true);
        const bytes = await w.bytes();
        process.stdout.write(`/stats first load on a phone: ${bytes} bytes\n`);
        expect(bytes).toBeLessThan(PAGE_BUDGET_BYTES);
      }
      await screenshot(w.page, 'stats-es');
      await context.close();
    });
  }

  it('filters with a plain GET form: the page has no script at all', async () => {
    const context = await browser.newContext({ viewport: MOBILE, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${base}/stats?lang=en`);
    expect(await page.locator('script').count()).toBe(0);
    await page.selectOption('#filter-country', 'PE');
    await Promise.all([
      page.waitForURL(/country=PE/),
      page.click('.stats-filters button[type=submit]'),
    ]);
    const headers = await page.locator('table[data-table="sex"] thead th').allTextContents();
    expect(headers).toEqual(['Category', 'Peru']);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('downloads every table as CSV matching the JSON, suppressed cells marked', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${base}/stats`);
    let suppressed = 0;
    for (const id of ['certifications', 'sex', 'population']) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click(`#table-${id} a[download]`),
      ]);
      const csv = parseCsv(readFileSync(await download.path(), 'utf8'));
      const json = (await (await fetch(`${base}/stats/tables/${id}`)).json()) as Table;
      const expected = json.rows.flatMap((row) =>
        row.cells.map((cell, i) => ({
          country: json.columns[i],
          code: row.code,
          count: cell.suppressed ? '' : String(cell.value),
          suppressed: cell.suppressed ? 'x' : '',
        })),
      );
      expect(csv).toEqual(expected);
      suppressed += csv.filter((line) => line.suppressed === 'x').length;
      expect(csv.filter((line) => line.suppressed === 'x' && line.count !== '')).toEqual([]);
    }
    expect(suppressed).toBeGreaterThan(0);
    await context.close();
  });
});
