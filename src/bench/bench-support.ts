import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

export const ROOT = resolve(import.meta.dirname, '../..');

export function argNumber(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`--${name} must be a positive integer`);
  return value;
}

async function freePort(): Promise<number> {
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
  stop(): Promise<void>;
}

/** Starts the built service on a fresh embedded database with the demo region. */
export async function startBenchService(env: Record<string, string> = {}): Promise<BenchService> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'reconoce-bench-'));
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'dist/main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error('the service did not start');
    const key = /rck_[A-Za-z0-9_-]{43}/.exec(out)?.[0];
    const admin = /rca_[A-Za-z0-9_-]{43}/.exec(out)?.[0];
    if (key && admin) {
      return {
        base,
        adminToken: admin,
        demoApiKey: key,
        stop: async () => {
          child.kill('SIGTERM');
          await new Promise((done) => child.on('exit', done));
        },
      };
    }
    await new Promise((done) => setTimeout(done, 250));
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
