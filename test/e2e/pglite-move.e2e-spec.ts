import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildDist, freePort, ROOT, runService, waitForOk } from '../helpers/process.js';
import { tempDataDir, testSecrets } from '../helpers/test-app.js';
import { ENTITIES } from '../../src/database/entities.js';

// A DATA_DIR of the last PGlite release, made the way that release made it: PGlite 0.5.14 with
// pgcrypto on DATA_DIR/pgdata, served by pglite-socket 0.2.17, migrated and seeded with the demo
// region by the service's own code, secrets in secrets.json. PGlite comes from the npm registry,
// as for the command under test; nothing of it is a dependency.
const TIMEOUT_MS = 400_000;
const RELEASE_PACKAGES = ['@electric-sql/pglite@0.5.14', '@electric-sql/pglite-socket@0.2.17'];

function node(args: string[], env: Record<string, string>): string {
  const result = spawnSync(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`${args.join(' ')}: ${result.stdout}${result.stderr}`);
  return result.stdout;
}

interface ReleaseDataDir {
  secrets: Record<string, string>;
  /** The demo issuer co-ens's API key, printed by the seed. */
  apiKey: string;
}

async function makeReleaseDataDir(dataDir: string): Promise<ReleaseDataDir> {
  const tools = mkdtempSync(join(tmpdir(), 'reconoce-pglite-release-'));
  try {
    writeFileSync(join(tools, 'package.json'), '{"private": true, "type": "module"}\n');
    const install = spawnSync(
      'npm',
      ['install', '--no-audit', '--no-fund', '--no-package-lock', '--legacy-peer-deps'].concat(
        RELEASE_PACKAGES,
      ),
      { cwd: tools, encoding: 'utf8' },
    );
    if (install.status !== 0) throw new Error(`npm install: ${install.stderr}`);
    copyFileSync(resolve(ROOT, 'test/fixtures/serve-pglite.mjs'), join(tools, 'serve.mjs'));
    const served = spawn(process.execPath, ['serve.mjs', join(dataDir, 'pgdata')], { cwd: tools });
    const exited = new Promise((done) => served.on('exit', done));
    try {
      const port = await new Promise<string>((done, fail) => {
        let out = '';
        served.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const found = /^port (\d+)$/m.exec(out);
          if (found) done(found[1]);
        });
        served.on('exit', (code) => fail(new Error(`serve-pglite exited (${code})`)));
      });
      const secrets = testSecrets();
      writeFileSync(join(dataDir, 'secrets.json'), JSON.stringify(secrets, null, 2), {
        mode: 0o600,
      });
      const env = { ...secrets, DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/postgres` };
      node(['dist/database/cli.js', 'run'], env);
      const seeded = node(['dist/modules/demo/seed-cli.js'], env);
      return { secrets, apiKey: /rck_[A-Za-z0-9_-]{43}/.exec(seeded)![0] };
    } finally {
      served.kill('SIGTERM');
      await exited;
    }
  } finally {
    rmSync(tools, { recursive: true, force: true });
  }
}

// The README's example: a competency certificate by the demo issuer co-ens.
const COMPETENCY_CERTIFICATE = {
  type: 'CompetencyCertificationCredential',
  holder: {
    documents: [{ type: 'CEDULA', country: 'VE', number: 'V-12345678' }],
    givenNames: 'Elena',
    familyNames: 'Demo Ruiz',
  },
  subject: {
    standards: [{ code: '299903010', version: '1', title: 'Asistir a la persona mayor' }],
    unitsAchieved: ['299903010'],
    result: 'COMPETENT',
    assessmentCentre: { name: 'Entidad Nacional de Saberes (ficticia)', country: 'CO' },
    assessmentDate: '2026-05-01',
    isco08: '5322',
    nationalLevel: { framework: 'CO-MNC', level: 3 },
  },
};

describe('data of the earlier embedded database (PGlite)', () => {
  const dataDir = tempDataDir();
  let release: ReleaseDataDir;
  beforeAll(async () => {
    buildDist();
    release = await makeReleaseDataDir(dataDir);
  }, TIMEOUT_MS);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it(
    'stops the service with the command that moves it; the command moves it all',
    async () => {
      const port = await freePort();
      const env = { DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' };
      const refused = runService(env);
      expect(await refused.exited).toBe(1);
      expect(refused.stderr()).toContain(`DATA_DIR=${dataDir} npm run db:move-pglite`);
      expect(existsSync(join(dataDir, 'postgres'))).toBe(false);

      const moved = spawnSync('npm', ['run', '--silent', 'db:move-pglite'], {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
        encoding: 'utf8',
      });
      expect(moved.stderr).toBe('');
      expect(moved.status).toBe(0);
      // Every entity's table, TypeORM's migrations table and the rate limiter's `rate_limit`.
      expect(moved.stdout).toContain(`Moved ${ENTITIES.length + 2} tables.`);
      const kept = readdirSync(dataDir).filter((name) => name.startsWith('pgdata.pglite-moved-'));
      expect(kept).toHaveLength(1);
      expect(existsSync(join(dataDir, 'pgdata'))).toBe(false);

      const service = runService(env);
      try {
        const base = `http://127.0.0.1:${port}`;
        await waitForOk(`${base}/health/ready`);
        const admin = { headers: { Authorization: `Bearer ${release.secrets.ADMIN_TOKEN}` } };
        const issuers = (await (await fetch(`${base}/registry/issuers`)).json()) as {
          total: number;
        };
        expect(issuers.total).toBe(12);
        // The audit log's hash chain covers what was stored: intact, nothing was lost or changed.
        const audit = (await (await fetch(`${base}/admin/audit/verify`, admin)).json()) as {
          intact: boolean;
          entries: number;
        };
        expect(audit.intact).toBe(true);
        expect(audit.entries).toBeGreaterThan(11);
        // The issuers' keys, sealed under the release's KEY_ENCRYPTION_KEY, still sign.
        const issued = await fetch(`${base}/issuer/credentials`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${release.apiKey}`,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify(COMPETENCY_CERTIFICATE),
        });
        expect(issued.status).toBe(201);
        // The first start on moved data is no first start: no new admin token is printed.
        expect(service.stdout()).not.toContain('first start');
      } finally {
        service.child.kill('SIGTERM');
        expect(await service.exited).toBe(0);
      }
    },
    TIMEOUT_MS,
  );
});
