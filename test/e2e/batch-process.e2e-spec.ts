import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../../src/config/config.js';
import { startEmbeddedServer } from '../../src/database/database-server.js';
import { createFixtureIssuer } from '../../src/vc/fixtures.js';
import { createSigningPool, SigningPoolError } from '../../src/vc/signing-pool.js';
import { createVerifyPool } from '../../src/vc/verify-pool.js';
import { verifyCredential } from '../../src/vc/verify.js';
import { certificateBody, numberedHolder } from '../helpers/bodies.js';
import {
  buildDist,
  freePort,
  ROOT,
  runService,
  waitForOk,
  type RunningService,
} from '../helpers/process.js';
import { tempDataDir } from '../helpers/test-app.js';

// The service as `npm start` runs it: compiled, signing in worker threads, on its embedded
// database. The batch runner must survive being killed: no row issued twice, none lost.
const TIMEOUT_MS = 300_000;

const row = (i: number) => certificateBody({ holder: numberedHolder(i, 'PROC', 'Demo Proceso') });

interface Job {
  status: string;
  total: number;
  done: number;
  failed: number;
}

describe('the compiled service', () => {
  beforeAll(() => buildDist(), TIMEOUT_MS);

  it(
    'signs in worker threads running the compiled src/vc code, off the event loop',
    async () => {
      const issuer = await createFixtureIssuer();
      const pool = createSigningPool({
        ourContextUrl: issuer.contextUrl,
        ourContext: issuer.ourContext,
        mode: 'threads',
        size: 2,
        workerUrl: pathToFileURL(join(ROOT, 'dist/vc/signing-worker.js')),
      });
      expect({ mode: pool.mode, size: pool.size }).toEqual({ mode: 'threads', size: 2 });
      let ticks = 0;
      const timer = setInterval(() => (ticks += 1), 1);
      const signed = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          pool.signDataIntegrity(issuer.credential(i), issuer.signer),
        ),
      );
      clearInterval(timer);
      // The event loop kept turning while 60 signatures were made.
      expect(ticks).toBeGreaterThan(10);
      for (const credential of [signed[0], signed[59]]) {
        const result = await verifyCredential({
          credential,
          documentLoader: issuer.documentLoader,
        });
        expect(result.verified).toBe(true);
      }
      const other = { ...issuer.signer, verificationMethodId: 'did:web:elsewhere#key-1' };
      await expect(pool.signJwt(issuer.credential(1), other)).rejects.toBeInstanceOf(TypeError);
      const pending = pool.signDataIntegrity(issuer.credential(2), issuer.signer).then(
        () => 'signed',
        (error: unknown) => error,
      );
      await pool.close();
      expect(await pending).toBeInstanceOf(SigningPoolError);
    },
    TIMEOUT_MS,
  );

  it(
    'verifies in worker threads running the compiled src/vc code',
    async () => {
      const issuer = await createFixtureIssuer();
      const signer = createSigningPool({
        ourContextUrl: issuer.contextUrl,
        ourContext: issuer.ourContext,
        mode: 'inline',
      });
      const signed = await signer.signDataIntegrity(issuer.credential(3), issuer.signer);
      await signer.close();
      const pool = createVerifyPool(
        {
          ourContextUrl: issuer.contextUrl,
          ourContext: issuer.ourContext,
          schemasDir: join(ROOT, 'schemas'),
        },
        { size: 2, workerUrl: pathToFileURL(join(ROOT, 'dist/vc/verify-worker.js')) },
      );
      try {
        expect({ mode: pool.mode, size: pool.size }).toEqual({ mode: 'threads', size: 2 });
        const documents = { [issuer.did]: (await issuer.documentLoader(issuer.did)).document };
        const verify = (credential: unknown) =>
          pool.verify({ credential, now: new Date(), documents });
        expect((await verify(signed)).verified).toBe(true);
        const tampered = {
          ...signed,
          credentialSubject: { ...(signed.credentialSubject as object), result: 'NOT_YET' },
        };
        expect((await verify(tampered)).verified).toBe(false);
      } finally {
        await pool.close();
      }
    },
    TIMEOUT_MS,
  );

  describe('issuing batches', () => {
    const dataDir = tempDataDir();
    let port: number;
    let service: RunningService | undefined;
    let apiKey: string;
    let adminToken: string;
    const jobs: { id: string; total: number }[] = [];
    const base = () => `http://127.0.0.1:${port}`;
    const call = async <T>(path: string, init: RequestInit = {}, token = apiKey): Promise<T> => {
      const res = await fetch(`${base()}${path}`, {
        ...init,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      });
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    const start = async () => {
      service = runService({ DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' });
      await waitForOk(`${base()}/health/ready`, 90_000);
      return service;
    };
    const waitFor = async (jobId: string, until: (job: Job) => boolean, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const job = await call<Job>(`/issuer/jobs/${jobId}`);
        if (until(job)) return job;
        if (Date.now() > deadline) throw new Error(`job ${jobId}: ${JSON.stringify(job)}`);
        await new Promise((done) => setTimeout(done, 25));
      }
    };
    const submit = async (n: number, from: number) => {
      const rows = Array.from({ length: n }, (_, i) => row(from + i));
      const { jobId } = await call<{ jobId: string }>('/issuer/credentials/batch', {
        method: 'POST',
        body: JSON.stringify(rows),
      });
      jobs.push({ id: jobId, total: n });
      return jobId;
    };
    const expectAllIssued = async (jobId: string, total: number) => {
      const job = await call<Job & { errors: unknown[] }>(`/issuer/jobs/${jobId}`);
      expect(job).toMatchObject({ status: 'DONE', total, done: total, failed: 0, errors: [] });
      const { items } = await call<{
        items: { row: number; credentialId: string; claimCode: string }[];
      }>(`/issuer/jobs/${jobId}/credentials`);
      expect(items.map((item) => item.row)).toEqual(Array.from({ length: total }, (_, i) => i));
      expect(new Set(items.map((item) => item.credentialId)).size).toBe(total);
      expect(items.every((item) => typeof item.claimCode === 'string')).toBe(true);
    };

    beforeAll(async () => {
      port = await freePort();
      const first = await start();
      apiKey = /rck_[A-Za-z0-9_-]{43}/.exec(first.stdout())![0];
      adminToken = (
        JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as { ADMIN_TOKEN: string }
      ).ADMIN_TOKEN;
    }, TIMEOUT_MS);

    afterAll(async () => {
      if (service && service.child.exitCode === null) {
        service.child.kill('SIGKILL');
        await service.exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    });

    it(
      'resumes a batch killed halfway (SIGKILL) and finishes it with no duplicates and no gaps',
      async () => {
        const total = 2_000;
        const before = (await call<{ total: number }>('/issuer/credentials?limit=1')).total;
        const jobId = await submit(total, 0);
        const halfway = await waitFor(jobId, (job) => job.done > 0, 120_000);
        expect(halfway.done).toBeLessThan(total);
        service!.child.kill('SIGKILL');
        expect(await service!.exited).toBeNull();

        await start();
        const resumed = await call<Job>(`/issuer/jobs/${jobId}`);
        expect(resumed.done).toBeGreaterThanOrEqual(halfway.done);
        await waitFor(jobId, (job) => job.status === 'DONE' || job.status === 'FAILED', 240_000);
        await expectAllIssued(jobId, total);
        const after = (await call<{ total: number }>('/issuer/credentials?limit=1')).total;
        expect(after).toBe(before + total);
      },
      TIMEOUT_MS,
    );

    it(
      'completes a 10,000-row batch with 10,000 distinct credentials and status indexes',
      async () => {
        const total = 10_000;
        const jobId = await submit(total, 100_000);
        await waitFor(jobId, (job) => job.status === 'DONE' || job.status === 'FAILED', 280_000);
        await expectAllIssued(jobId, total);
        const audit = await call<{ intact: boolean }>('/admin/audit/verify', {}, adminToken);
        expect(audit.intact).toBe(true);
      },
      TIMEOUT_MS,
    );

    it(
      'left in the database exactly one credential per row and one status slot per credential',
      async () => {
        service!.child.kill('SIGTERM');
        expect(await service!.exited).toBe(0);
        const db = await startEmbeddedServer(
          dataDir,
          loadConfig({ DATA_DIR: dataDir }).embeddedDatabase!,
        );
        const client = new pg.Client({ connectionString: db.url });
        await client.connect();
        try {
          for (const job of jobs) {
            const { rows } = await client.query(
              `SELECT count(*)::int AS rows,
                    count(*) FILTER (WHERE r.status = 'DONE')::int AS done,
                    count(DISTINCT r.credential_id)::int AS credentials,
                    count(DISTINCT (c.revocation_list_id, c.revocation_index))::int AS revocation,
                    count(DISTINCT (c.suspension_list_id, c.suspension_index))::int AS suspension
             FROM issuance_job_row r LEFT JOIN credential c ON c.id = r.credential_id
             WHERE r.job_id = $1`,
              [job.id],
            );
            expect(rows[0]).toEqual({
              rows: job.total,
              done: job.total,
              credentials: job.total,
              revocation: job.total,
              suspension: job.total,
            });
          }
          // No credential of the batches outside its row: nothing issued by the killed process
          // was lost track of, and nothing was issued twice.
          const { rows: orphans } = await client.query(
            `SELECT count(*)::int AS n FROM credential c
           WHERE c.document->'credentialSubject'->'name'->>'familyNames' = 'Demo Proceso'
             AND NOT EXISTS (SELECT 1 FROM issuance_job_row r WHERE r.credential_id = c.id)`,
          );
          expect(orphans[0].n).toBe(0);
          const { rows: slots } = await client.query(
            `SELECT count(*)::int AS n,
                  count(DISTINCT (revocation_list_id, revocation_index))::int AS revocation,
                  count(DISTINCT (suspension_list_id, suspension_index))::int AS suspension
           FROM credential`,
          );
          expect(slots[0].revocation).toBe(slots[0].n);
          expect(slots[0].suspension).toBe(slots[0].n);
        } finally {
          await client.end();
          await db.stop();
        }
      },
      TIMEOUT_MS,
    );
  });
});
