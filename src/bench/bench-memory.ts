import { readFileSync } from 'node:fs';
import {
  aim,
  argDb,
  argNumber,
  checkLink,
  descendantsOf,
  failureText,
  heading,
  heapOf,
  issueBenchCredential,
  load,
  memoryOf,
  mixedCall,
  print,
  startOn,
  verifyOnce,
  type BenchDb,
  type BenchService,
  type IssuedCredential,
} from './bench-support.js';
import { DEFAULT_WORKER_IDLE_MS } from '../common/thread-pool/thread-pool.js';

/**
 * `npm run bench:memory [-- --db embedded|postgres --n 200 --warm-up-seconds 30
 * --soak-seconds 300]`: the memory of the built service on a fresh database — idle after start,
 * after a load (N single issuances, N `POST /credentials/verify`, 10 N `GET /v/` checks), and over
 * a soak (a mixed load of the three after a warm-up, sampled every 5 s), then idle again. Prints
 * the Node process's RSS and PSS (worker threads included), its main thread's V8 heap, its
 * threads, and for the embedded database its PostgreSQL processes apart (PSS counts their
 * shared buffers once); the soak's min/max and
 * whether it stays within ±10 % of its median; and the aims of issue 18.
 */

const SETTLE_MS = 5_000;
const SAMPLE_MS = 5_000;
const CONCURRENCY = 4;
const NODE_IDLE_AIM: Record<BenchDb, number> = { embedded: 350, postgres: 200 };

interface Sample {
  node: { rss: number; pss: number };
  threads: number;
  heap: { used: number; total: number };
  database?: { rss: number; pss: number; processes: number };
}

async function sample(service: BenchService, db: BenchDb): Promise<Sample> {
  const status = readFileSync(`/proc/${service.pid}/status`, 'utf8');
  return {
    node: memoryOf([service.pid]),
    threads: Number(/^Threads:\s+(\d+)/m.exec(status)?.[1]),
    heap: await heapOf(service),
    database: db === 'embedded' ? memoryOf(descendantsOf(service.pid)) : undefined,
  };
}

function describe(label: string, s: Sample): string {
  const database = s.database
    ? `; PostgreSQL ${s.database.processes} processes RSS ${s.database.rss.toFixed(0)} MB, PSS ${s.database.pss.toFixed(0)} MB`
    : '';
  return `${label.padEnd(22)} Node RSS ${s.node.rss.toFixed(0).padStart(4)} MB (PSS ${s.node.pss.toFixed(0)} MB, ${s.threads} threads), heap ${s.heap.used.toFixed(0)}/${s.heap.total.toFixed(0)} MB${database}`;
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Runs the mixed load for `seconds`; the calls made. */
async function mixedLoadFor(
  service: BenchService,
  issued: IssuedCredential[],
  run: string,
  seconds: number,
): Promise<number> {
  const until = Date.now() + seconds * 1000;
  let calls = 0;
  let failed = 0;
  const call = mixedCall([service], issued, run);
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < until) {
        await call(calls++).catch((error: unknown) => {
          failed += 1;
          if (failed === 1) print(`    (a call failed: ${failureText(error)})`);
        });
      }
    }),
  );
  return calls;
}

async function main(): Promise<void> {
  const db = argDb();
  const n = argNumber('n', 200);
  const warmUpSeconds = argNumber('warm-up-seconds', 30);
  const soakSeconds = argNumber('soak-seconds', 300);
  print(
    heading('bench:memory', `db ${db}, n=${n}, warm-up ${warmUpSeconds} s, soak ${soakSeconds} s`),
  );
  const service = await startOn(db);
  try {
    await pause(SETTLE_MS);
    const idle = await sample(service, db);
    print(describe('idle after start', idle));

    const issued: IssuedCredential[] = [];
    await load(n, CONCURRENCY, async (i) => {
      issued.push(await issueBenchCredential(service, 'load', i));
    });
    await load(n, CONCURRENCY, (i) => verifyOnce(service, issued[i].verifiableCredential));
    await load(10 * n, CONCURRENCY, (i) => checkLink(service, issued[i % n].verifyUrl));
    await pause(SETTLE_MS);
    print(describe('after load', await sample(service, db)));

    await mixedLoadFor(service, issued, 'warm-up', warmUpSeconds);
    const samples: Sample[] = [];
    let soaking = true;
    const sampler = (async () => {
      while (soaking) {
        samples.push(await sample(service, db));
        await pause(SAMPLE_MS);
      }
    })();
    const calls = await mixedLoadFor(service, issued, 'soak', soakSeconds);
    soaking = false;
    await sampler;
    samples.push(await sample(service, db));
    const last = samples.at(-1)!;
    print(describe('end of soak', last));

    const rss = samples.map((s) => s.node.rss).sort((a, b) => a - b);
    const median = rss[Math.floor(rss.length / 2)];
    const within = rss[0] >= 0.9 * median && rss.at(-1)! <= 1.1 * median;
    print(
      `soak, ${calls} calls (${(calls / soakSeconds).toFixed(0)}/s), ${samples.length} samples: Node RSS min ${rss[0].toFixed(0)} MB, max ${rss.at(-1)!.toFixed(0)} MB, median ${median.toFixed(0)} MB; within ±10 % of the median: ${within ? 'yes' : 'NO'}`,
    );
    if (db === 'embedded') {
      const pss = samples.map((s) => s.database!.pss).sort((a, b) => a - b);
      print(`soak, PostgreSQL PSS min ${pss[0].toFixed(0)} MB, max ${pss.at(-1)!.toFixed(0)} MB`);
    }
    // In order, so that a reader tells a trend (growth, settling) from noise.
    print(
      `soak, Node RSS every ${SAMPLE_MS / 1000} s: ${samples.map((s) => s.node.rss.toFixed(0)).join(' ')} MB`,
    );
    print(`soak, threads: ${samples.map((s) => s.threads).join(' ')}`);
    const heaps = samples.map((s) => s.heap.used).sort((a, b) => a - b);
    print(`soak, heap used min ${heaps[0].toFixed(0)} MB, max ${heaps.at(-1)!.toFixed(0)} MB`);

    // Long enough for idle pool workers to exit.
    await pause(DEFAULT_WORKER_IDLE_MS + 2 * SETTLE_MS);
    print(describe('idle after soak', await sample(service, db)));
    print(
      `Node idle after start ${idle.node.rss.toFixed(0)} MB: ${aim(Math.round(idle.node.rss), '≤', NODE_IDLE_AIM[db], ' MB')}; flat over the soak: aim ±10 %: ${within ? 'met' : 'NOT met'}`,
    );
  } finally {
    await service.stop();
  }
}

await main();
