import type { Response } from 'supertest';
import type { TestDocument } from './bodies.js';
import type { TestApp } from './test-app.js';

/** The CSRF token of the first form on a page. */
export const csrfOf = (html: string): string =>
  /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/**
 * A browser without JavaScript signed in to the portal: its cookies kept from every answer and
 * sent with every request, as a browser would.
 */
export async function portalSession(t: TestApp, document: TestDocument, password: string) {
  const cookies = new Map<string, string>();
  const keep = (res: Response) => {
    for (const header of (res.headers['set-cookie'] as unknown as string[] | undefined) ?? []) {
      const [pair] = header.split(';');
      cookies.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
    return res;
  };
  const jar = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const home = keep(await t.http.get('/portal'));
  const login = keep(
    await t.http
      .post('/portal/login')
      .set('Cookie', jar())
      .type('form')
      .send({
        documentType: document.type,
        documentCountry: document.country,
        documentNumber: document.number,
        password,
        _csrf: csrfOf(home.text),
      }),
  );
  if (login.status !== 303) throw new Error(`portal sign-in failed: ${login.status}`);
  return {
    get: async (url: string) => keep(await t.http.get(url).set('Cookie', jar())),
    /** A POST with this browser's cookies, to fill in (a form, a multipart body). */
    post: (url: string) => t.http.post(url).set('Cookie', jar()),
    keep,
    /** A fresh CSRF token, from a page of the portal. */
    csrf: async (page = '/portal/cases') =>
      csrfOf(keep(await t.http.get(page).set('Cookie', jar())).text),
  };
}

export type PortalSession = Awaited<ReturnType<typeof portalSession>>;
