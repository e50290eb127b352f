// Benchmark of issuance: `npm run bench:issue [-- --n 2000 --concurrency 16 --db embedded|postgres]`.
//
// Builds the service, starts it (`node dist/main.js`) on a fresh embedded database in a temporary
// DATA_DIR (or, with `--db postgres`, on a fresh database of the BENCH_POSTGRES_URL server,
// dropped afterwards), warms it up (20 single requests and a 500-row batch), and issues N credentials through
// the batch endpoint and N through single requests at the given concurrency; then, in this process, signs N with a plain one-thread loop of
// `vc.issue` from @digitalbazaar/vc, importing the key each time as a naive user would. Prints
// credentials/s of each, p50/p99 of the single requests, and the ratios to the plain loop. The
// plain loop signs half of its N before the service starts and half after it stopped.
// This file is compiled with tsconfig.bench.json to dist/bench-issue/ (see package.json).
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchSecrets, freshDatabase } from '../src/bench/bench-support.js';
import { createDocumentLoader } from '../src/vc/document-loader.js';
import { readOurContext } from '../src/vc/schemas.js';

// dist/bench-issue/scripts/ → the project root.
const ROOT = resolve(import.meta.dirname, '../../..');
const WARM_UP = 20;
const WARM_UP_BATCH = 500;

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '16' },
    db: { type: 'string', default: 'embedded' },
  },
});
if (args.db !== 'embedded' && args.db !== 'postgres')
  throw new TypeError('--db must be embedded or postgres');
const N = Number(args.n);
const CONCURRENCY = Number(args.concurrency);
if (!Number.isInteger(N) || N < 1 || N > 10_000) throw new TypeError('--n must be 1 to 10000');
if (!Number.isInteger(CONCURRENCY) || CONCURRENCY < 1) {
  throw new TypeError('--concurrency must be a positive integer');
}

const print = (line = '') => process.stdout.write(`${line}\n`);

function subject() {
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

// A fictional holder per row: every credential goes to a new person, as in a campaign.
function request(run: string, i: number) {
  return {
    type: 'CompetencyCertificationCredential',
    holder: {
      documents: [{ type: 'PPT', country: 'CO', number: `BENCH-${run}-${i}` }],
      givenNames: `Persona ${i}`,
      familyNames: 'Demo Banco',
    },
    subject: subject(),
    validFrom: '2022-05-10T00:00:00Z',
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/**
 * CPU time (ms) a process has used, and its main thread (where the embedded database and HTTP
 * run), from /proc: the machine may be shared, so CPU per credential is the steadier figure.
 */
function cpuOf(pid: number | undefined): { process: number; main: number } | undefined {
  const ticks = (path: string) => {
    // Fields 14 and 15 (utime, stime), after the command name in parentheses.
    const fields = readFileSync(path, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  };
  try {
    if (pid === undefined) return undefined;
    return { process: ticks(`/proc/${pid}/stat`), main: ticks(`/proc/${pid}/task/${pid}/stat`) };
  } catch {
    return undefined;
  }
}
const CLOCK_TICKS = 100;

function cpuUsed(
  before: { process: number; main: number } | undefined,
  after: { process: number; main: number } | undefined,
): { process: number; main: number } | undefined {
  return before && after
    ? { process: after.process - before.process, main: after.main - before.main }
    : undefined;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

interface Service {
  child: ChildProcess;
  base: string;
  apiKey: string;
  exited: Promise<number | null>;
}

async function startService(dataDir: string, databaseUrl?: string): Promise<Service> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      // The demo region for its API key, without the demo pilot's background batch.
      SEED_DEMO: 'true',
      SEED_DEMO_PILOT: 'false',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl, ...benchSecrets() } : {}),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The service exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('The service did not start within 120 s');
    const ready = await fetch(`${base}/health/ready`).then(
      (res) => res.ok,
      () => false,
    );
    const apiKey = /rck_[A-Za-z0-9_-]{43}/.exec(out)?.[0];
    if (ready && apiKey) return { child, base, apiKey, exited };
    await new Promise((done) => setTimeout(done, 250));
  }
}

async function api<T>(service: Service, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${service.base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${service.apiKey}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function benchBatch(service: Service, run: string, count: number) {
  const rows = Array.from({ length: count }, (_, i) => request(run, i));
  const cpuBefore = cpuOf(service.child.pid);
  const started = performance.now();
  const { jobId } = await api<{ jobId: string }>(service, '/issuer/credentials/batch', rows);
  const accepted = performance.now();
  for (;;) {
    const job = await api<{ status: string; done: number; failed: number }>(
      service,
      `/issuer/jobs/${jobId}`,
    );
    if (job.status === 'DONE' || job.status === 'FAILED') {
      if (job.done !== count) throw new Error(`The batch issued ${job.done} of ${count}`);
      break;
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  const finished = performance.now();
  return {
    seconds: (finished - started) / 1000,
    acceptSeconds: (accepted - started) / 1000,
    cpu: cpuUsed(cpuBefore, cpuOf(service.child.pid)),
  };
}

async function benchSingle(service: Service, run: string, count: number) {
  const latencies: number[] = [];
  let next = 0;
  const cpuBefore = cpuOf(service.child.pid);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, count) }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        await api(service, '/issuer/credentials', request(run, i));
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    cpu: cpuUsed(cpuBefore, cpuOf(service.child.pid)),
  };
}

// The baseline: @digitalbazaar/vc on one thread, the key imported for every credential.
async function benchPlainLoop(count: number, warmUp: number) {
  const baseUrl = 'http://localhost:3000';
  const did = 'did:web:localhost%3A3000:issuers:co-ens';
  const keyPair = await Ed25519Multikey.generate({ controller: did, id: `${did}#key-1` });
  const exported = await keyPair.export({ publicKey: true, secretKey: true });
  const documentLoader = createDocumentLoader({
    ourContextUrl: `${baseUrl}/contexts/v1`,
    ourContext: readOurContext(join(ROOT, 'schemas')),
  });
  const credential = (i: number) => ({
    '@context': ['https://www.w3.org/ns/credentials/v2', `${baseUrl}/contexts/v1`],
    id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    type: ['VerifiableCredential', 'CompetencyCertificationCredential'],
    issuer: { id: did, name: 'Entidad Nacional de Saberes (ficticia)' },
    validFrom: '2022-05-10T00:00:00Z',
    credentialSubject: {
      name: { givenNames: `Persona ${i}`, familyNames: 'Demo Banco' },
      identityDocument: { type: 'PPT', country: 'CO', last4: String(i % 10_000).padStart(4, '0') },
      ...subject(),
    },
    credentialSchema: {
      id: `${baseUrl}/schemas/CompetencyCertificationCredential.json`,
      type: 'JsonSchema',
    },
    credentialStatus: (['revocation', 'suspension'] as const).map((purpose, p) => ({
      id: `${baseUrl}/status-lists/${purpose}#${i * 2 + p}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: purpose,
      statusListIndex: String(i * 2 + p),
      statusListCredential: `${baseUrl}/status-lists/${purpose}`,
    })),
  });
  const signOne = async (i: number) => {
    const key = await Ed25519Multikey.from({ ...exported, id: `${did}#key-1`, controller: did });
    const signer = { ...key.signer(), id: `${did}#key-1` };
    const suite = new DataIntegrityProof({ signer, cryptosuite: eddsaRdfc2022 });
    return vc.issue({ credential: credential(i), suite, documentLoader });
  };
  for (let i = 0; i < warmUp; i += 1) await signOne(i);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < count; i += 1) await signOne(i);
  const cpu = process.cpuUsage(cpuBefore);
  return { seconds: (performance.now() - started) / 1000, cpuMs: (cpu.user + cpu.system) / 1000 };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'reconoce-bench-'));
  print(
    `Issuance benchmark: db ${args.db}, N = ${N}, ${availableParallelism()} cores, Node ${process.version}`,
  );
  let service: Service | undefined;
  const database = args.db === 'postgres' ? await freshDatabase() : undefined;
  try {
    // The plain loop runs half before and half after the service, so that a machine whose load
    // drifts during the run (shared cores) weighs on both sides alike.
    const firstHalf = await benchPlainLoop(Math.ceil(N / 2), WARM_UP);
    service = await startService(dataDir, database?.url);
    // Warm the service up before timing it: the JIT in every thread, the embedded database's
    // WebAssembly (compiled in the background as it runs), the status lists.
    await benchSingle(service, 'warm', WARM_UP);
    await benchBatch(service, 'warm-batch', WARM_UP_BATCH);
    const batch = await benchBatch(service, 'batch', N);
    const single = await benchSingle(service, 'single', N);
    service.child.kill('SIGTERM');
    await service.exited;
    service = undefined;
    const secondHalf = await benchPlainLoop(Math.floor(N / 2), WARM_UP);
    const plain = {
      seconds: firstHalf.seconds + secondHalf.seconds,
      cpuMs: firstHalf.cpuMs + secondHalf.cpuMs,
    };

    const rate = (seconds: number) => N / seconds;
    const ratio = (seconds: number) => `${(plain.seconds / seconds).toFixed(2)}×`;
    const cpu = (used: { process: number; main: number } | undefined) =>
      used
        ? `${(used.process / N).toFixed(2)} ms (main thread ${(used.main / N).toFixed(2)} ms)`
        : 'n/a';
    const row = (name: string, seconds: number, cpuText: string, extra = '') =>
      print(
        `${name.padEnd(36)} ${rate(seconds).toFixed(0).padStart(6)}/s  ${ratio(seconds).padStart(6)}  CPU per credential ${cpuText}${extra}`,
      );
    print();
    row('plain vc.issue loop, one thread', plain.seconds, `${(plain.cpuMs / N).toFixed(2)} ms`);
    row(
      'batch (POST → job DONE)',
      batch.seconds,
      cpu(batch.cpu),
      `; accepted in ${batch.acceptSeconds.toFixed(2)} s`,
    );
    row(
      `single requests, concurrency ${CONCURRENCY}`,
      single.seconds,
      cpu(single.cpu),
      `; p50 ${single.p50.toFixed(1)} ms, p99 ${single.p99.toFixed(1)} ms`,
    );
    if (batch.cpu) {
      // What the CPU figures allow on otherwise idle cores: the batch is bound by all its
      // threads together and by its main thread alone.
      const cores = availableParallelism();
      const bound = Math.min((cores * 1000 * N) / batch.cpu.process, (1000 * N) / batch.cpu.main);
      const plainBound = (1000 * N) / plain.cpuMs;
      print(
        `CPU-bound estimate on ${cores} idle cores: batch ${bound.toFixed(0)}/s, plain loop ${plainBound.toFixed(0)}/s (${(bound / plainBound).toFixed(2)}×)`,
      );
    }
  } finally {
    if (service) {
      service.child.kill('SIGKILL');
      await service.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  }
}

await main();
