import { DemoSeedService } from '../../src/modules/demo/demo-seed.service.js';
import type { TestApp } from './test-app.js';

/** Supertest requests with the admin bearer token. */
export function asAdmin(t: TestApp) {
  const auth = { Authorization: `Bearer ${t.config.secrets.ADMIN_TOKEN}` };
  return {
    get: (url: string) => t.http.get(url).set(auth),
    post: (url: string, body: object = {}) => t.http.post(url).set(auth).send(body),
    patch: (url: string, body: object) => t.http.patch(url).set(auth).send(body),
    delete: (url: string) => t.http.delete(url).set(auth),
  };
}

/** A fresh API key of a demo issuer (an authority's, to work its cases). */
export const issuerApiKey = async (t: TestApp, slug: string): Promise<string> =>
  (await asAdmin(t).post(`/admin/issuers/${slug}/api-keys`)).body.apiKey as string;

/** Supertest requests with an issuer's API key. */
export function asIssuer(t: TestApp, key: string) {
  const auth = { Authorization: `Bearer ${key}` };
  return {
    get: (url: string) => t.http.get(url).set(auth),
    post: (url: string, body: object = {}) => t.http.post(url).set(auth).send(body),
  };
}

/** Seeds the demo region; API keys of co-ens (the demo issuer) and of pe-dcl, another issuer. */
export async function seedIssuerKeys(t: TestApp): Promise<{ key: string; otherKey: string }> {
  const key = (await t.app.get(DemoSeedService).seed()).apiKey!.key;
  const otherKey: string = (await asAdmin(t).post('/admin/issuers/pe-dcl/api-keys')).body.apiKey;
  return { key, otherKey };
}

/** Row counts of the tables a refused request must leave untouched. */
export async function registryCounts(t: TestApp): Promise<Record<string, number>> {
  const tables = [
    'issuer',
    'issuer_status_change',
    'issuer_key',
    'api_key',
    'accreditation',
    'audit_event',
  ];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ${table}`,
    );
    counts[table] = row.n;
  }
  return counts;
}
