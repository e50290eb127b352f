import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildDist, freePort, runService, waitForOk } from '../helpers/process.js';
import { createThrowawayDatabase } from '../helpers/databases.js';
import { tempDataDir, testSecrets } from '../helpers/test-app.js';

const TIMEOUT_MS = 300_000;

describe('the service as `npm start` runs it', () => {
  const dataDir = tempDataDir();
  beforeAll(() => buildDist(), TIMEOUT_MS);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it(
    'refuses to start on a bad value, naming it',
    async () => {
      const service = runService({ DATA_DIR: dataDir, PORT: 'eighty', SEED_DEMO: 'maybe' });
      expect(await service.exited).toBe(1);
      expect(service.stderr()).toMatch(/PORT/);
      expect(service.stderr()).toMatch(/SEED_DEMO/);
    },
    TIMEOUT_MS,
  );

  it(
    'starts on the embedded database, prints the admin token once, stops on SIGTERM, and reuses its secrets',
    async () => {
      const port = await freePort();
      const env = { DATA_DIR: dataDir, PORT: String(port) };
      const base = `http://127.0.0.1:${port}`;

      const first = runService(env);
      await waitForOk(`${base}/health/ready`);
      expect((await fetch(`${base}/docs/openapi.json`)).status).toBe(200);
      // A fresh embedded database is seeded with the demo region.
      const trustList = (await (await fetch(`${base}/registry/issuers`)).json()) as {
        total: number;
      };
      expect(trustList.total).toBe(12);
      const { EMBEDDED_POSTGRES_PASSWORD: databasePassword, ...secrets } = JSON.parse(
        readFileSync(join(dataDir, 'secrets.json'), 'utf8'),
      ) as Record<string, string>;
      expect(databasePassword).toMatch(/^[A-Za-z0-9_-]{32}$/);
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      // The embedded server was shut down, not abandoned, and DATA_DIR is free again.
      expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
      expect(existsSync(join(dataDir, 'reconoce.pid'))).toBe(false);

      const printed = first.stdout().split('\n');
      const withToken = printed.filter((line) => line.includes(secrets.ADMIN_TOKEN));
      expect(withToken).toHaveLength(1);
      expect(withToken[0].trim()).toBe(secrets.ADMIN_TOKEN);
      // The banner also carries a working API key of a demo issuer.
      const apiKey = /rck_[A-Za-z0-9_-]{43}/.exec(first.stdout())?.[0];
      expect(apiKey).toBeDefined();
      const jsonLines = printed.filter((line) => line.startsWith('{'));
      expect(jsonLines.length).toBeGreaterThan(0);
      for (const line of jsonLines) {
        expect(() => JSON.parse(line) as unknown).not.toThrow();
        for (const secret of [...Object.values(secrets), databasePassword, apiKey])
          expect(line).not.toContain(secret);
      }

      const second = runService(env);
      await waitForOk(`${base}/health/ready`);
      second.child.kill('SIGINT');
      expect(await second.exited).toBe(0);
      expect(second.stdout()).not.toContain(secrets.ADMIN_TOKEN);
      expect(second.stdout()).not.toContain(apiKey);
      expect(JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8'))).toEqual({
        ...secrets,
        EMBEDDED_POSTGRES_PASSWORD: databasePassword,
      });
    },
    TIMEOUT_MS,
  );

  it(
    'on an empty PostgreSQL database with SEED_DEMO=true, seeds the demo region and says so once',
    async () => {
      const database = await createThrowawayDatabase();
      try {
        const port = await freePort();
        const secrets = testSecrets();
        const env = {
          DATA_DIR: dataDir,
          PORT: String(port),
          DATABASE_URL: database.url,
          PUBLIC_BASE_URL: 'https://reconoce.example.org',
          SEED_DEMO: 'true',
          ...secrets,
        };
        const base = `http://127.0.0.1:${port}`;
        const first = runService(env);
        await waitForOk(`${base}/health/ready`);
        const trustList = (await (await fetch(`${base}/registry/issuers`)).json()) as {
          total: number;
          items: { slug: string; did: string }[];
        };
        expect(trustList.total).toBe(12);
        expect(trustList.items[0].did).toBe(
          `did:web:reconoce.example.org:issuers:${trustList.items[0].slug}`,
        );
        first.child.kill('SIGTERM');
        expect(await first.exited).toBe(0);
        expect(first.stdout()).toContain('Reconoce: first start.');
        expect(first.stdout()).toMatch(/API key of the demo issuer co-ens[^\n]*\n\s+rck_/);
        // No secret of the environment is repeated.
        expect(first.stdout()).not.toContain(secrets.ADMIN_TOKEN);

        const second = runService(env);
        await waitForOk(`${base}/health/ready`);
        second.child.kill('SIGTERM');
        expect(await second.exited).toBe(0);
        expect(second.stdout()).not.toContain('first start');
      } finally {
        await database.drop();
      }
    },
    TIMEOUT_MS,
  );
});
