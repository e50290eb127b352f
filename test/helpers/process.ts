import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

/** Compiles `src/` to `dist/` as `npm start` does. */
export function buildDist(): void {
  const tsc = resolve(ROOT, 'node_modules/typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}${result.stderr}`);
}

// Written by buildDistIfStale with the time its build started.
const BUILD_STAMP = join(ROOT, 'dist/.build-stamp');
const BUILD_INPUTS = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

function newestSourceChange(): number {
  const files = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' });
  const paths = [
    ...files.map((file) => join(ROOT, 'src', file)),
    ...BUILD_INPUTS.map((file) => join(ROOT, file)),
  ];
  return Math.max(...paths.map((path) => statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0));
}

/** Compiles `src/` to `dist/` unless `dist/` was built after the last change to `src/`. */
export function buildDistIfStale(): void {
  const builtAt = statSync(BUILD_STAMP, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (builtAt > newestSourceChange()) return;
  const started = new Date();
  buildDist();
  // The build's start, not its end: a file saved while it ran makes the next call build again.
  writeFileSync(BUILD_STAMP, '');
  utimesSync(BUILD_STAMP, started, started);
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

export interface RunningService {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Runs `node dist/main.js` with exactly the given environment (plus PATH). */
export function runService(env: Record<string, string>): RunningService {
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Polls a URL until it answers 200, or fails after the timeout. */
export async function waitForOk(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}
