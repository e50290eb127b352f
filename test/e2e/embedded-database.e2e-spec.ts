import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildDist,
  freePort,
  runService,
  waitForOk,
  type RunningService,
} from '../helpers/process.js';
import { tempDataDir } from '../helpers/test-app.js';

// The embedded PostgreSQL server of `npm start` over the life of a DATA_DIR: restarts, a crash of
// the service, a second service on the same directory.
const TIMEOUT_MS = 400_000;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the embedded PostgreSQL server of the service', () => {
  const dataDir = tempDataDir();
  const running: RunningService[] = [];
  let port: number;
  const base = () => `http://127.0.0.1:${port}`;
  const start = async () => {
    const service = runService({ DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' });
    running.push(service);
    await waitForOk(`${base()}/health/ready`);
    return service;
  };
  const postmasterPid = () =>
    Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const adminToken = () =>
    (JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as { ADMIN_TOKEN: string })
      .ADMIN_TOKEN;
  const keyWorks = async (apiKey: string) =>
    (
      await fetch(`${base()}/issuer/credentials?limit=1`, {
        headers: { Authorization: `Bearer ${apiKey}` },
      })
    ).status === 200;

  beforeAll(async () => {
    buildDist();
    port = await freePort();
  }, TIMEOUT_MS);
  afterAll(async () => {
    for (const service of running) {
      if (service.child.exitCode === null && service.child.signalCode === null) {
        service.child.kill('SIGKILL');
        await service.exited;
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  let apiKey: string;

  it(
    'keeps its data across a restart, and stops with the service',
    async () => {
      const first = await start();
      const created = await fetch(`${base()}/admin/issuers/co-ens/api-keys`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${adminToken()}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ label: 'kept across restarts' }),
      });
      expect(created.status).toBe(201);
      apiKey = ((await created.json()) as { apiKey: string }).apiKey;
      const server = postmasterPid();
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      expect(alive(server)).toBe(false);
      expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

      const second = await start();
      expect(await keyWorks(apiKey)).toBe(true);
      // Not seeded again: the demo key is printed on the first start only.
      expect(second.stdout()).not.toMatch(/rck_/);
      second.child.kill('SIGINT');
      expect(await second.exited).toBe(0);
    },
    TIMEOUT_MS,
  );

  it(
    'recovers after a kill -9 of the service: the orphaned server is shut down, the data kept',
    async () => {
      const crashed = await start();
      const orphan = postmasterPid();
      crashed.child.kill('SIGKILL');
      expect(await crashed.exited).toBeNull();
      expect(alive(orphan)).toBe(true);

      const next = await start();
      expect(alive(orphan)).toBe(false);
      expect(postmasterPid()).not.toBe(orphan);
      expect(await keyWorks(apiKey)).toBe(true);
      next.child.kill('SIGTERM');
      expect(await next.exited).toBe(0);
    },
    TIMEOUT_MS,
  );

  it(
    'refuses a second service on the same DATA_DIR, leaving the first one undisturbed',
    async () => {
      const first = await start();
      const server = postmasterPid();
      const second = runService({ DATA_DIR: dataDir, PORT: String(await freePort()) });
      running.push(second);
      expect(await second.exited).toBe(1);
      expect(second.stderr()).toContain(
        `DATA_DIR ${dataDir} is in use by another Reconoce process`,
      );
      expect(second.stderr()).toContain(`process ${first.child.pid}`);
      expect(postmasterPid()).toBe(server);
      expect(await keyWorks(apiKey)).toBe(true);
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
    },
    TIMEOUT_MS,
  );
});
