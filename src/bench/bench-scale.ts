import { performance } from 'node:perf_hooks';
import pg from 'pg';
import {
  argNumber,
  benchSecrets,
  freshDatabase,
  heading,
  issueBenchCredential,
  load,
  mixedCall,
  failureText,
  print,
  startBenchService,
  submitBatch,
  waitForJob,
  type BenchService,
  type IssuedCredential,
  type MixedKind,
} from './bench-support.js';

/**
 * `npm run bench:scale [-- --n 2000 --concurrency 16]`: two replicas of the built service on one
 * fresh database of the BENCH_POSTGRES_URL server. One batch of N rows is submitted to the first;
 * while both replicas' runners share its rows, a mixed load (single issuances, `GET /v/` checks,
 * `POST /credentials/verify`) goes to both in turn until the job is DONE. Prints the combined
 * throughput, each replica's share of the batch rows (their `claimed_by`) and of the mixed load,
 * and the duplicates found in the database — credentials beyond those answered, an identity
 * document with two credentials of the run — which must be 0.
 */

interface Counts {
  credentials: number;
  documentsWithTwo: number;
}

async function counts(client: pg.Client): Promise<Counts> {
  const { rows } = await client.query<{ credentials: string; documents_with_two: string }>(
    `SELECT (SELECT count(*) FROM credential) AS credentials,
            (SELECT count(*) FROM (SELECT identity_document_id FROM credential
                                   WHERE identity_document_id IS NOT NULL
                                   GROUP BY identity_document_id HAVING count(*) > 1) twice)
              AS documents_with_two`,
  );
  return {
    credentials: Number(rows[0].credentials),
    documentsWithTwo: Number(rows[0].documents_with_two),
  };
}

async function main(): Promise<void> {
  const n = argNumber('n', 2000);
  const concurrency = argNumber('concurrency', 16);
  print(
    heading(
      'bench:scale',
      `db postgres, 2 replicas, batch n=${n}, mixed load ${concurrency} conn.`,
    ),
  );
  const fresh = await freshDatabase();
  const database = { url: fresh.url, secrets: benchSecrets() };
  const replicas: BenchService[] = [];
  const client = new pg.Client({ connectionString: fresh.url });
  try {
    // One public address, as behind a load balancer: each replica's credentials and links are
    // the others' own.
    const env = { PUBLIC_BASE_URL: 'http://localhost:3000' };
    const first = await startBenchService(env, database);
    replicas.push(first);
    // The second finds the database migrated and seeded; it uses the demo key the first printed.
    const second = await startBenchService(env, { ...database, seeded: true });
    replicas.push({ ...second, demoApiKey: first.demoApiKey });
    await client.connect();

    // Warm-up on both; the links and credentials the mixed load checks.
    const issued: IssuedCredential[] = [];
    await load(20, 4, async (i) => {
      issued.push(await issueBenchCredential(replicas[i % 2], 'checked', i));
    });
    const warm = mixedCall(replicas, issued, 'warm');
    await load(40, 4, async (i) => {
      await warm(i);
    });
    const before = await counts(client);

    const started = performance.now();
    const jobId = await submitBatch(first, 'scale-batch', n);
    let batchDone = false;
    const watcher = waitForJob(first, jobId).then((job) => {
      batchDone = true;
      return { ...job, seconds: (performance.now() - started) / 1000 };
    });
    const made: Record<MixedKind, number> = { issue: 0, verify: 0, check: 0 };
    const perReplica = [0, 0];
    let next = 0;
    let failed = 0;
    let firstFailure: string | undefined;
    const call = mixedCall(replicas, issued, 'mixed');
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (!batchDone) {
          const i = next++;
          try {
            made[await call(i)] += 1;
            perReplica[Math.floor(i / 10) % 2] += 1;
          } catch (error) {
            failed += 1;
            firstFailure ??= failureText(error);
          }
        }
      }),
    );
    const batch = await watcher;
    const seconds = (performance.now() - started) / 1000;
    const after = await counts(client);

    const { rows: shares } = await client.query<{ claimed_by: string | null; rows: string }>(
      `SELECT claimed_by, count(*) AS rows FROM issuance_job_row
       WHERE job_id = $1 AND status = 'DONE' GROUP BY claimed_by ORDER BY claimed_by`,
      [jobId],
    );
    const replicaOf = (claimedBy: string | null) => {
      const pid = Number(claimedBy?.split('/')[1]);
      const index = replicas.findIndex((replica) => replica.pid === pid);
      return index >= 0 ? `replica ${index + 1}` : `runner ${claimedBy ?? 'unknown'}`;
    };

    const mixed = made.issue + made.verify + made.check;
    const issuedNow = batch.done + made.issue;
    const extra = after.credentials - before.credentials - issuedNow;
    const twice = after.documentsWithTwo - before.documentsWithTwo;
    print(
      `batch of ${n}: ${batch.status}, ${batch.done} rows in ${batch.seconds.toFixed(1)} s (${(batch.done / batch.seconds).toFixed(0)}/s)`,
    );
    for (const share of shares) {
      print(
        `    ${replicaOf(share.claimed_by)}: ${share.rows} rows (${((100 * Number(share.rows)) / batch.done).toFixed(0)} %)`,
      );
    }
    print(
      `mixed load meanwhile: ${mixed} requests (${(mixed / seconds).toFixed(0)}/s) — ${made.issue} issuances, ${made.verify} verifications, ${made.check} /v/ checks; replica 1 ${perReplica[0]}, replica 2 ${perReplica[1]}${failed > 0 ? `; ${failed} failed (first: ${firstFailure})` : ''}`,
    );
    print(
      `combined: ${((batch.done + mixed) / seconds).toFixed(0)} operations/s, ${(issuedNow / seconds).toFixed(0)} credentials/s over ${seconds.toFixed(1)} s`,
    );
    print(
      `duplicates in the database: ${extra} credentials beyond the ${issuedNow} answered, ${twice} identity documents with two credentials — ${extra === 0 && twice === 0 ? '0: aim met' : 'NOT 0: aim NOT met'}${failed > 0 ? ' (a request that failed on the client may still have issued)' : ''}`,
    );
  } finally {
    await client.end().catch(() => {});
    for (const replica of replicas) await replica.stop();
    await fresh.drop();
  }
}

await main();
