import pg from 'pg';
import { AUDIT_CHAIN_LOCK_ID } from '../../src/modules/audit/audit-chainer.js';
import { AuditService } from '../../src/modules/audit/audit.service.js';
import { asAdmin, seedIssuerKeys } from '../helpers/admin.js';
import { certificateBody } from '../helpers/bodies.js';
import { expectProblem } from '../helpers/problem.js';
import { startReplica, startTestApp, type TestApp } from '../helpers/test-app.js';

// Work on timers of its own, not the issuance's: the batch runner's polling, the rate-limit
// counts written every second.
const BACKGROUND = /issuance_job|rate_limit/;

// Round trips of one warm single issuance, counted on every connection of the process (the app's
// pool, the chainer's and the listener's), the chainer's idle passes (its timer) left out: 29
// before the write path was reworked, 19 after, 15 once status slots came from a stock, 12 once
// standards and framework levels were kept per facts revision.
const MAX_ROUND_TRIPS = 13;

// The write path, on two replicas of one database as behind a load balancer.
describe('the write path', () => {
  let first: TestApp;
  let second: TestApp;
  let key: string;

  beforeAll(async () => {
    first = await startTestApp();
    ({ key } = await seedIssuerKeys(first));
    second = await startReplica(first);
  }, 300_000);
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  const issue = (t: TestApp) =>
    t.http
      .post('/issuer/credentials')
      .set('Authorization', `Bearer ${key}`)
      .send(certificateBody());
  const audited = (t: TestApp, action: string, pause = 0) =>
    t.dataSource.transaction(async (manager) => {
      await t.app.get(AuditService).append(manager, { actor: 'test', action, subject: 'test:1' });
      if (pause) await manager.query('SELECT pg_sleep($1)', [pause]);
    });
  const one = async <T>(sql: string, params: unknown[] = []) =>
    (await first.dataSource.query<T[]>(sql, params))[0];

  it('issues one credential in a bounded number of round trips to the database', async () => {
    // Warm: the first issuance loads the key, the type's schema and the status lists.
    expect((await issue(first)).status).toBe(201);
    const sent: { client: pg.Client; text: string }[] = [];
    const query = Reflect.get(pg.Client.prototype, 'query') as (...args: unknown[]) => unknown;
    // Every statement this process sends, on any connection.
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string }).text;
      if (!BACKGROUND.test(String(text))) sent.push({ client: this, text: String(text) });
      return query.apply(this, args);
    } as typeof pg.Client.prototype.query;
    try {
      expect((await issue(first)).status).toBe(201);
    } finally {
      pg.Client.prototype.query = query as typeof pg.Client.prototype.query;
    }
    // A chaining pass that found nothing to chain: its opening statement, then COMMIT alone.
    const idle = sent.filter(({ client, text }, i) => {
      const next = sent.slice(i + 1).find((later) => later.client === client);
      const previous = sent.slice(0, i).findLast((earlier) => earlier.client === client);
      return (
        (text.startsWith('BEGIN;') && next?.text === 'COMMIT') ||
        (text === 'COMMIT' && previous?.text.startsWith('BEGIN;'))
      );
    });
    const issuance = sent.filter((statement) => !idle.includes(statement));
    expect(issuance.length).toBeLessThanOrEqual(MAX_ROUND_TRIPS);
    // No lock inside the issuing transaction: only the chaining pass takes the chain's.
    expect(issuance.filter(({ text }) => text.includes('pg_advisory_xact_lock($1)'))).toEqual([]);
  });

  it('runs audited transactions side by side, not one after another', async () => {
    const n = 8;
    const pause = 0.5;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: n }, (_, i) => audited(i % 2 ? first : second, 'test.paused', pause)),
    );
    const seconds = (performance.now() - started) / 1000;
    // One after another they would take n × pause (4 s) at the very least.
    expect(seconds).toBeLessThan(n * pause * 0.6);
    const { n: chained } = await one<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_event WHERE action = 'test.paused'",
    );
    expect(chained).toBe(n);
  });

  it('chains a burst of writes from two replicas into one chain without gaps', async () => {
    const before = await one<{ n: number }>('SELECT count(*)::int AS n FROM audit_event');
    const results = await Promise.all([
      ...Array.from({ length: 8 }, (_, i) => issue(i % 2 ? first : second)),
      ...Array.from({ length: 24 }, (_, i) => audited(i % 2 ? first : second, 'test.burst')),
    ]);
    expect(results.slice(0, 8).map((res) => (res as { status: number }).status)).toEqual(
      Array(8).fill(201),
    );
    // Each caller got its answer after its entry was chained: nothing waits in the intake.
    expect(await one('SELECT count(*)::int AS n FROM audit_intake')).toEqual({ n: 0 });
    const after = await one<{ n: number; max: string }>(
      'SELECT count(*)::int AS n, max(seq)::text AS max FROM audit_event',
    );
    expect(after.n).toBe(before.n + 8 + 24);
    expect(after.max).toBe(String(after.n));
    const verify = await asAdmin(second).get('/admin/audit/verify');
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ intact: true, entries: after.n });
  });

  it('keeps no entry of a transaction that rolled back', async () => {
    const failed = first.dataSource.transaction(async (manager) => {
      await first.app.get(AuditService).append(manager, {
        actor: 'test',
        action: 'test.rolled-back',
        subject: 'test:1',
      });
      throw new Error('rolled back');
    });
    await expect(failed).rejects.toThrow('rolled back');
    await first.app.get(AuditService).chain();
    const rows = await first.dataSource.query(
      "SELECT 1 FROM audit_event WHERE action = 'test.rolled-back' UNION ALL SELECT 1 FROM audit_intake",
    );
    expect(rows).toEqual([]);
  });

  it('refuses to change or remove an entry waiting to be chained', async () => {
    // Hold the chain, as if the chainer were slow, so the entry stays in the intake.
    const holder = new pg.Client({ connectionString: first.config.databaseUrl! });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [AUDIT_CHAIN_LOCK_ID]);
      await holder.query(
        `INSERT INTO audit_intake (at, actor, action, subject, data)
         VALUES (now(), 'admin', 'test.waiting', 'test:2', '{"n": 1}')`,
      );
      for (const tampering of [
        "UPDATE audit_intake SET actor = 'mallory'",
        'DELETE FROM audit_intake',
        'TRUNCATE audit_intake',
      ]) {
        await expect(holder.query(tampering)).rejects.toThrow(/never changed/);
      }
      await holder.query('SELECT pg_advisory_unlock($1)', [AUDIT_CHAIN_LOCK_ID]);
      await first.app.get(AuditService).chain();
      expect(
        await one("SELECT actor, data FROM audit_event WHERE action = 'test.waiting'"),
      ).toEqual({ actor: 'admin', data: { n: 1 } });
      expect(await one('SELECT count(*)::int AS n FROM audit_intake')).toEqual({ n: 0 });
      expect((await asAdmin(first).get('/admin/audit/verify')).body.intact).toBe(true);
    } finally {
      await holder.end();
    }
  });
  it('gives a connection back at commit while the transaction waits for its chaining', async () => {
    // More transactions than the pool has connections, while the chain is held: each must
    // commit (and free its connection for the next) although none can be chained yet.
    const n = (first.dataSource.options as { poolSize: number }).poolSize + 4;
    const holder = new pg.Client({ connectionString: first.config.databaseUrl! });
    await holder.connect();
    const audit = first.app.get(AuditService);
    let answered = 0;
    let running: Promise<unknown> = Promise.resolve();
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [AUDIT_CHAIN_LOCK_ID]);
      running = Promise.all(
        Array.from({ length: n }, () =>
          audit
            .transaction((manager) =>
              audit.append(manager, { actor: 'test', action: 'test.released', subject: 'test:3' }),
            )
            .then(() => (answered += 1)),
        ),
      );
      const waiting = () =>
        one<{ n: number }>(
          "SELECT count(*)::int AS n FROM audit_intake WHERE action = 'test.released'",
        );
      for (let i = 0; i < 100 && (await waiting()).n < n; i += 1) {
        await new Promise((done) => setTimeout(done, 100));
      }
      expect(await waiting()).toEqual({ n });
      // Committed, yet not answered: each answers only once its entry is chained.
      expect(answered).toBe(0);
    } finally {
      await holder.query('SELECT pg_advisory_unlock($1)', [AUDIT_CHAIN_LOCK_ID]);
      await holder.end();
    }
    await running;
    expect(
      await one("SELECT count(*)::int AS n FROM audit_event WHERE action = 'test.released'"),
    ).toEqual({ n });
    expect(await one('SELECT count(*)::int AS n FROM audit_intake')).toEqual({ n: 0 });
  });

  it('drops kept keys and issuer facts on every replica once a change to them is chained', async () => {
    const admin = asAdmin(first);
    const created = await admin.post('/admin/issuers/co-ens/api-keys', { label: 'replicas' });
    expect(created.status).toBe(201);
    const { id, apiKey } = created.body as { id: string; apiKey: string };
    const issueWith = (t: TestApp) =>
      t.http
        .post('/issuer/credentials')
        .set('Authorization', `Bearer ${apiKey}`)
        .send(certificateBody());
    const eventually = async (t: TestApp, status: number) => {
      let res = await issueWith(t);
      for (let i = 0; i < 50 && res.status !== status; i += 1) {
        await new Promise((done) => setTimeout(done, 100));
        res = await issueWith(t);
      }
      return res;
    };
    // Both replicas now keep the key, the issuer and its accreditations.
    expect((await issueWith(second)).status).toBe(201);
    expect((await issueWith(first)).status).toBe(201);

    await admin.patch('/admin/issuers/co-ens', { status: 'SUSPENDED', reason: 'check' });
    expectProblem(await issueWith(first), 403, 'ISSUER_SUSPENDED');
    expectProblem(await eventually(second, 403), 403, 'ISSUER_SUSPENDED');
    await admin.patch('/admin/issuers/co-ens', { status: 'ACTIVE', reason: 'ok' });
    expect((await issueWith(first)).status).toBe(201);
    expect((await eventually(second, 201)).status).toBe(201);

    expect((await admin.delete(`/admin/issuers/co-ens/api-keys/${id}`)).status).toBe(204);
    expectProblem(await issueWith(first), 401, 'UNAUTHORIZED');
    expectProblem(await eventually(second, 401), 401, 'UNAUTHORIZED');
  });
});
