import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

export const ROOT = resolve(import.meta.dirname, '../..');

export function argNumber(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`--${name} must be a positive integer`);
  return value;
}

export type BenchDb = 'embedded' | 'postgres';

/** `--db embedded|postgres`; embedded by default. */
export function argDb(): BenchDb {
  const index = process.argv.indexOf('--db');
  const value = index >= 0 ? process.argv[index + 1] : 'embedded';
  if (value !== 'embedded' && value !== 'postgres')
    throw new Error('--db must be embedded or postgres');
  return value;
}

// The server `--db postgres` makes its fresh database on (and drops it from afterwards).
const POSTGRES_URL =
  process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh database on the BENCH_POSTGRES_URL server, and the way to drop it. */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `reconoce_bench_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

export interface BenchService {
  base: string;
  adminToken: string;
  demoApiKey: string;
  /** The process id, for reading its memory. */
  pid: number;
  stop(): Promise<void>;
}

export interface BenchDatabase {
  /** For `postgres`: the database URL; several replicas may share it. */
  url?: string;
  secrets?: Record<string, string>;
  /** Another replica seeded it already: no demo key will be printed. */
  seeded?: boolean;
}

/** Secrets a replica on a database server needs (the embedded one generates its own). */
export function benchSecrets(): Record<string, string> {
  const secret = () => randomBytes(32).toString('base64url');
  return {
    ADMIN_TOKEN: `rca_${secret()}`,
    KEY_ENCRYPTION_KEY: secret(),
    HOLDER_ID_PEPPER: secret(),
    SESSION_SECRET: secret(),
  };
}

/**
 * Starts the built service with the demo region (without the demo pilot's background batch): on
 * a fresh embedded database, or on `database.url` with `database.secrets`.
 */
export async function startBenchService(
  env: Record<string, string> = {},
  database: BenchDatabase = {},
): Promise<BenchService> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'reconoce-bench-'));
  // BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the service.
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist/main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000',
      SEED_DEMO: 'true',
      SEED_DEMO_PILOT: 'false',
      ...(database.url ? { DATABASE_URL: database.url, ...database.secrets } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error('the service did not start');
    if (child.exitCode !== null) throw new Error(`the service exited (${child.exitCode})`);
    const key = /rck_[A-Za-z0-9_-]{43}/.exec(out)?.[0];
    const admin = database.secrets?.ADMIN_TOKEN ?? /rca_[A-Za-z0-9_-]{43}/.exec(out)?.[0];
    // A second replica on a seeded database prints no key: it is ready when it answers.
    const ready = database.seeded ? await answers(base) : key !== undefined;
    if (ready && admin) {
      return {
        base,
        adminToken: admin,
        demoApiKey: key ?? '',
        pid: child.pid!,
        stop: async () => {
          child.kill('SIGTERM');
          await new Promise((done) => child.on('exit', done));
        },
      };
    }
    await new Promise((done) => setTimeout(done, 250));
  }
}

async function answers(base: string): Promise<boolean> {
  try {
    return (await fetch(`${base}/health/ready`)).ok;
  } catch {
    return false;
  }
}

/** The service on the database `--db` names; `stop` also drops a PostgreSQL database. */
export async function startOn(
  db: BenchDb,
  env: Record<string, string> = {},
): Promise<BenchService & { database: BenchDatabase }> {
  if (db === 'embedded') return { ...(await startBenchService(env)), database: {} };
  const fresh = await freshDatabase();
  const database = { url: fresh.url, secrets: benchSecrets() };
  try {
    const service = await startBenchService(env, database);
    return {
      ...service,
      database,
      stop: async () => {
        await service.stop();
        await fresh.drop();
      },
    };
  } catch (error) {
    await fresh.drop();
    throw error;
  }
}

export interface LoadResult {
  count: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs `count` calls of `call` with `concurrency` in flight; each call must throw on failure. */
export async function load(
  count: number,
  concurrency: number,
  call: (i: number) => Promise<void>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        await call(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    count,
    seconds,
    perSecond: count / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

export async function timeLoop(
  count: number,
  call: (i: number) => Promise<void>,
): Promise<LoadResult> {
  return load(count, 1, call);
}

export function report(label: string, result: LoadResult, baseline?: LoadResult): string {
  const ratio = baseline
    ? `  ×${(result.perSecond / baseline.perSecond).toFixed(2)} vs plain loop`
    : '';
  return `${label.padEnd(44)} ${result.perSecond.toFixed(0).padStart(6)}/s  p50 ${result.p50.toFixed(1).padStart(6)} ms  p99 ${result.p99.toFixed(1).padStart(6)} ms  (${result.count} in ${result.seconds.toFixed(1)} s)${ratio}`;
}

/** Issues one credential of the demo issuer, as a program would. */
export async function issueBenchCredential(
  service: BenchService,
): Promise<{ verifiableCredential: Record<string, unknown>; verifyUrl: string }> {
  const issued = await fetch(`${service.base}/issuer/credentials`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${service.demoApiKey}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({
      type: 'CompetencyCertificationCredential',
      holder: {
        documents: [{ type: 'CEDULA', country: 'VE', number: 'V-7654321' }],
        givenNames: 'Bench',
        familyNames: 'Demo',
      },
      subject: {
        standards: [
          { code: '299903010', version: '1', title: 'Asistir a la persona mayor (demo)' },
        ],
        unitsAchieved: ['299903010'],
        result: 'COMPETENT',
        assessmentCentre: { name: 'Entidad Nacional de Saberes (ficticia)', country: 'CO' },
        assessmentDate: '2026-05-01',
        isco08: '5322',
        nationalLevel: { framework: 'CO-MNC', level: 3 },
      },
    }),
  });
  if (issued.status !== 201) throw new Error(`issuing the bench credential: HTTP ${issued.status}`);
  return (await issued.json()) as {
    verifiableCredential: Record<string, unknown>;
    verifyUrl: string;
  };
}
