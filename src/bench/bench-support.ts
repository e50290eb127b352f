import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
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
  // A machine shared with other work may take minutes to start it.
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error(
        child.exitCode !== null
          ? `the service exited (${child.exitCode})`
          : 'the service did not start',
      );
    }
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
          if (child.exitCode === null) {
            child.kill('SIGTERM');
            await new Promise((done) => child.on('exit', done));
          }
          rmSync(dataDir, { recursive: true, force: true });
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
  /** Calls that succeeded. */
  count: number;
  /** Calls that threw (an error answer, a refused connection), and the first one's message. */
  failed: number;
  firstFailure?: string;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Runs `count` calls of `call` with `concurrency` in flight; a call throws on failure. A machine
 * shared with other work may refuse a few: they are counted and reported, not retried.
 */
export async function load(
  count: number,
  concurrency: number,
  call: (i: number) => Promise<void>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let failed = 0;
  let firstFailure: string | undefined;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        try {
          await call(i);
          latencies.push(performance.now() - t0);
        } catch (error) {
          failed += 1;
          firstFailure ??= failureText(error);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    count: latencies.length,
    failed,
    firstFailure,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

export function failureText(error: unknown): string {
  const { message, cause } = error as { message?: string; cause?: { code?: string } };
  return `${message ?? String(error)}${cause?.code ? ` (${cause.code})` : ''}`.slice(0, 160);
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
  const failures =
    result.failed > 0 ? `  [${result.failed} failed; first: ${result.firstFailure}]` : '';
  return `${label.padEnd(44)} ${result.perSecond.toFixed(0).padStart(6)}/s  p50 ${result.p50.toFixed(1).padStart(6)} ms  p99 ${result.p99.toFixed(1).padStart(6)} ms  (${result.count} in ${result.seconds.toFixed(1)} s)${ratio}${failures}`;
}

export function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** The first line of every bench: what ran, where, on what machine and how loaded it was. */
export function heading(name: string, details: string): string {
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  return `${name} — ${details}; ${availableParallelism()} cores, load ${load}, Node ${process.version}`;
}

/**
 * A figure against the issue's aim: `≥` at least, `≤` at most, `<` below. Printed after the
 * figure so that every line says whether its aim is met.
 */
export function aim(value: number, relation: '≥' | '≤' | '<', target: number, unit = ''): string {
  const met =
    relation === '≥' ? value >= target : relation === '≤' ? value <= target : value < target;
  return `aim ${relation} ${target}${unit}: ${met ? 'met' : 'NOT met'}`;
}

/** A fictional holder per call: every credential goes to a new person, as in a campaign. */
export function issuanceRequest(run: string, i: number): Record<string, unknown> {
  return {
    type: 'CompetencyCertificationCredential',
    holder: {
      documents: [{ type: 'PPT', country: 'CO', number: `BENCH-${run}-${i}` }],
      givenNames: `Persona ${i}`,
      familyNames: 'Demo Banco',
    },
    subject: benchSubject(),
    validFrom: '2022-05-10T00:00:00Z',
  };
}

export function benchSubject(): Record<string, unknown> {
  return {
    standards: [
      { code: '299903010', version: '1', title: 'Cuidado de personas mayores (ficticia)' },
    ],
    unitsAchieved: ['299903010-01'],
    result: 'COMPETENT',
    assessmentCentre: { name: 'Entidad Nacional de Saberes (ficticia)', country: 'CO' },
    assessmentDate: '2022-05-10',
    isco08: '5322',
    nationalLevel: { framework: 'CO-MNC', level: 3 },
  };
}

/** A call of the demo issuer's API; throws on anything but 2xx. */
export async function issuerApi<T>(
  service: BenchService,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${service.base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${service.demoApiKey}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export interface IssuedCredential {
  verifiableCredential: Record<string, unknown>;
  verifyUrl: string;
}

/** Issues one credential of the demo issuer through `POST /issuer/credentials`. */
export function issueBenchCredential(
  service: BenchService,
  run = 'one',
  i = 0,
): Promise<IssuedCredential> {
  return issuerApi<IssuedCredential>(service, '/issuer/credentials', issuanceRequest(run, i));
}

/** Submits a batch of `count` rows of `run`'s holders; its job's id. */
export async function submitBatch(
  service: BenchService,
  run: string,
  count: number,
): Promise<string> {
  const rows = Array.from({ length: count }, (_, i) => issuanceRequest(run, i));
  const { jobId } = await issuerApi<{ jobId: string }>(service, '/issuer/credentials/batch', rows);
  return jobId;
}

/** Polls a batch job until it is DONE or FAILED; a refused poll (a loaded machine) is repeated. */
export async function waitForJob(
  service: BenchService,
  jobId: string,
): Promise<{ status: string; done: number }> {
  for (;;) {
    const job = await issuerApi<{ status: string; done: number }>(
      service,
      `/issuer/jobs/${jobId}`,
    ).catch(() => ({ status: 'UNKNOWN', done: 0 }));
    if (job.status === 'DONE' || job.status === 'FAILED') return job;
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** Submits a batch of `count` rows and waits for its job to be DONE; the seconds it took. */
export async function runBatch(
  service: BenchService,
  run: string,
  count: number,
): Promise<{ jobId: string; seconds: number; acceptSeconds: number }> {
  const started = performance.now();
  const jobId = await submitBatch(service, run, count);
  const accepted = performance.now();
  const job = await waitForJob(service, jobId);
  if (job.done !== count) throw new Error(`The batch issued ${job.done} of ${count}`);
  return {
    jobId,
    seconds: (performance.now() - started) / 1000,
    acceptSeconds: (accepted - started) / 1000,
  };
}

/** `POST /credentials/verify` of a credential; throws unless it verifies. */
export async function verifyOnce(service: BenchService, credential: object): Promise<void> {
  const res = await fetch(`${service.base}/credentials/verify`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ verifiableCredential: credential }),
  });
  const body = (await res.json()) as { verified?: boolean };
  if (res.status !== 200 || body.verified !== true) {
    throw new Error(`POST /credentials/verify: HTTP ${res.status}`);
  }
}

/** `GET /v/<token>` as JSON, as a verifier's app asks; throws unless the credential is VALID. */
export async function checkLink(
  service: BenchService,
  verifyUrl: string,
  query = '',
): Promise<void> {
  const res = await fetch(`${service.base}/v/${verifyUrl.split('/v/')[1]}${query}`, {
    headers: { Accept: 'application/json' },
  });
  const body = (await res.json()) as { status?: string };
  if (body.status !== 'VALID') throw new Error(`GET /v/: HTTP ${res.status}, ${body.status}`);
}

const CLOCK_TICKS = 100;

function ticksToMs(statLine: string): number {
  // Fields 14 and 15 (utime, stime), counted after the command name in parentheses.
  const fields = statLine.slice(statLine.lastIndexOf(') ') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/**
 * CPU time (ms) a process has used, and its main thread (where HTTP and the database driver
 * run), from /proc: on a shared machine CPU per credential is steadier than wall time.
 */
export function cpuOf(pid: number): { process: number; main: number } {
  return {
    process: ticksToMs(readFileSync(`/proc/${pid}/stat`, 'utf8')),
    main: ticksToMs(readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8')),
  };
}

export function cpuSince(
  pid: number,
  before: { process: number; main: number },
): { process: number; main: number } {
  const after = cpuOf(pid);
  return { process: after.process - before.process, main: after.main - before.main };
}

/** The processes below `pid` (for the embedded database: the postmaster and its backends). */
export function descendantsOf(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(') ') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended meanwhile.
    }
  }
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const child of children.get(parent) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

/**
 * Resident memory in MB: RSS, and PSS (shared pages divided among the processes sharing them,
 * so that the database's shared buffers count once when its processes are summed).
 */
export function memoryOf(pids: number[]): { rss: number; pss: number; processes: number } {
  let rss = 0;
  let pss = 0;
  let processes = 0;
  for (const pid of pids) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      rss += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      pss += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      processes += 1;
    } catch {
      // The process ended meanwhile.
    }
  }
  return { rss: rss / 1024, pss: pss / 1024, processes };
}

/** The main thread's V8 heap (used, total) in MB, from the service's Prometheus metrics. */
export async function heapOf(service: BenchService): Promise<{ used: number; total: number }> {
  const text = await (await fetch(`${service.base}/metrics`)).text();
  const gauge = (name: string) =>
    Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN) / 2 ** 20;
  return {
    used: gauge('nodejs_heap_size_used_bytes'),
    total: gauge('nodejs_heap_size_total_bytes'),
  };
}

export type MixedKind = 'issue' | 'verify' | 'check';

/**
 * One call of a mixed load, on the services in turn: 1 in 10 a single issuance, 2 a `POST
 * /credentials/verify`, 7 a `GET /v/` check of one of `issued`. Resolves to the kind it made.
 */
export function mixedCall(
  services: BenchService[],
  issued: IssuedCredential[],
  run: string,
): (i: number) => Promise<MixedKind> {
  return async (i) => {
    // Ten calls in a row to each service, so each gets every kind.
    const service = services[Math.floor(i / 10) % services.length];
    const kind = i % 10;
    const credential = issued[i % issued.length];
    if (kind === 0) {
      await issueBenchCredential(service, run, i);
      return 'issue';
    }
    if (kind <= 2) {
      await verifyOnce(service, credential.verifiableCredential);
      return 'verify';
    }
    await checkLink(service, credential.verifyUrl);
    return 'check';
  };
}
