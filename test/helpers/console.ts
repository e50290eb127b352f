import { generate } from 'otplib';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { asAdmin } from './admin.js';
import type { TestApp } from './test-app.js';

export const STAFF_PASSWORD = 'la ceiba del patio florece en mayo';
const STEP_SECONDS = 30;

/** A case worker's code for the time step `offset` steps from now (-1, 0 or +1 are accepted). */
export const totpCode = (secret: string, offset = 0): Promise<string> =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + offset * STEP_SECONDS });

/**
 * Waits until the current 30-second step has at least `seconds` left, so that codes computed now
 * still name the same steps when the service checks them on a loaded machine.
 */
export async function awaitFreshStep(seconds = 12): Promise<void> {
  const left = STEP_SECONDS - ((Date.now() / 1000) % STEP_SECONDS);
  if (left < seconds) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 200));
}

/** The CSRF token of a page's forms. */
export function csrfOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('the page has no form with a CSRF token');
  return token;
}

/** The TOTP secret as the enrolment page shows it, without the grouping spaces. */
export function secretOf(html: string): string {
  const grouped = /id="totp-secret">([A-Z2-7 ]+)</.exec(html)?.[1];
  if (!grouped) throw new Error('the page shows no TOTP secret');
  return grouped.replace(/ /g, '');
}

/** A browser-like client of the console: it keeps the cookies, and posts forms with their token. */
export function consoleClient(t: TestApp) {
  const agent: TestAgent = request.agent(t.app.getHttpServer());
  let csrf = '';
  const remember = (res: request.Response) => {
    if (typeof res.text === 'string' && res.text.includes('name="_csrf"')) csrf = csrfOf(res.text);
    return res;
  };
  return {
    get: async (url: string) => remember(await agent.get(url)),
    post: async (url: string, form: Record<string, string | string[]>, token = csrf) =>
      remember(
        await agent
          .post(url)
          .type('form')
          .send({ _csrf: token, ...form }),
      ),
  };
}
export type ConsoleClient = ReturnType<typeof consoleClient>;

/** The operator creates a case worker for an authority; answers the one-time enrolment code. */
export async function createCaseWorker(t: TestApp, slug: string, login: string, name = 'Demo') {
  const res = await asAdmin(t).post(`/admin/issuers/${slug}/case-workers`, { name, login });
  if (res.status !== 201) throw new Error(`creating a case worker: ${res.status} ${res.text}`);
  return res.body as { id: string; enrolmentCode: string };
}

/** Enrols through the pages with a code of the previous step; answers the TOTP secret. */
export async function enrol(client: ConsoleClient, enrolmentCode: string): Promise<string> {
  await client.get('/console/enrol');
  const setup = await client.post('/console/enrol', { enrolmentCode, password: STAFF_PASSWORD });
  if (setup.status !== 200) throw new Error(`enrolment: ${setup.status}`);
  const secret = secretOf(setup.text);
  const done = await client.post('/console/enrol/confirm', {
    enrolmentCode,
    totp: await totpCode(secret, -1),
  });
  if (done.status !== 303) throw new Error(`enrolment confirmation: ${done.status}`);
  return secret;
}

/** Signs in with the current step's code. */
export async function signIn(client: ConsoleClient, login: string, secret: string, offset = 0) {
  await client.get('/console');
  return client.post('/console/login', {
    login,
    password: STAFF_PASSWORD,
    totp: await totpCode(secret, offset),
  });
}
