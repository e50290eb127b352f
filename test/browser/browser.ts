import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { PNG } from 'pngjs';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Page,
  type Response,
} from 'playwright-core';

/** Debian's Chromium (the `chromium` package); never a browser downloaded by a test tool. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = resolve(import.meta.dirname, '__screenshots__');
export const MOBILE = { width: 360, height: 640 };
export const DESKTOP = { width: 1280, height: 900 };
/** The first load of a page, everything it fetches included. */
export const PAGE_BUDGET_BYTES = 150 * 1024;

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  // Playwright runs it headless with a fresh, empty profile of its own. The other flags keep a
  // closed network quiet (no background fetches, no component updates) and run as root.
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

export interface Watched {
  page: Page;
  /** Every URL the page asked for since it was opened (or since `reset`). */
  requests: string[];
  /**
   * Script errors, CSP refusals and failed sub-resources. A page answered with an error status
   * on purpose (a form sent back, a stopped link) is not one.
   */
  errors: string[];
  /** Bytes on the wire (headers and bodies) of every response since `reset`. */
  bytes(): Promise<number>;
  reset(): void;
}

/** A page whose requests, responses and console errors are recorded. */
export async function watchedPage(context: BrowserContext): Promise<Watched> {
  const page = await context.newPage();
  let requests: string[] = [];
  let responses: Response[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('response', (response) => {
    responses.push(response);
    if (response.status() >= 400 && response.request().resourceType() !== 'document') {
      errors.push(`${response.status()} ${response.url()}`);
    }
  });
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && !text.startsWith('Failed to load resource'))
      errors.push(text);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return {
    page,
    get requests() {
      return requests;
    },
    errors,
    async bytes() {
      let total = 0;
      for (const response of responses) {
        const sizes = await response.request().sizes();
        total += sizes.responseHeadersSize + sizes.responseBodySize;
      }
      return total;
    },
    reset() {
      requests = [];
      responses = [];
    },
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, so the page's CSP (no inline scripts) allows it.
  await page.evaluate(AXE_SOURCE);
  // A string, so that this file needs no DOM typings: it runs in the page.
  const violations = await page.evaluate<AxeViolation[]>(`axe
    .run(document, { resultTypes: ['violations'] })
    .then((result) => result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    })))`);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Whether the element lies wholly inside the viewport as the page first shows it. */
export async function visibleWithoutScrolling(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).first().boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport) return false;
  return (
    box.y >= 0 &&
    box.x >= 0 &&
    box.y + box.height <= viewport.height &&
    box.x + box.width <= viewport.width
  );
}

/**
 * A one-frame Y4M video of a PNG (grey levels only), for Chromium's fake camera
 * (`--use-file-for-fake-video-capture`): the scanner then sees the picture as if filmed.
 */
export function pngToY4m(png: Buffer, file: string): void {
  const image = PNG.sync.read(png);
  const { width, height, data } = image;
  const luma = Buffer.alloc(width * height);
  for (let i = 0; i < width * height; i += 1) {
    luma[i] = Math.round(0.299 * data[i * 4] + 0.587 * data[i * 4 + 1] + 0.114 * data[i * 4 + 2]);
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const header = `YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\nFRAME\n`;
  writeFileSync(file, Buffer.concat([Buffer.from(header, 'ascii'), luma, chroma]));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const viewport = page.viewportSize();
  const size = viewport ? `${viewport.width}x${viewport.height}` : 'page';
  await page.screenshot({ path: resolve(SCREENSHOTS, `${name}-${size}.png`), fullPage: true });
}
