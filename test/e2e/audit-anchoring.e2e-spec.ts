import { hashEntry } from '../../src/modules/audit/audit-chain.js';
import {
  keepCheckpoints,
  verifyCheckpointCredential,
  type KeptFile,
} from '../../src/modules/audit/checkpoint-keeper.js';
import { asAdmin } from '../helpers/admin.js';
import { outsideVerifier } from '../helpers/outside-verifier.js';
import { expectProblem } from '../helpers/problem.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

interface AuditRow {
  seq: string;
  at: Date;
  actor: string;
  action: string;
  subject: string;
  data: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

const REGISTRY_DID = 'did:web:localhost%3A3000:registry';

const newIssuer = (slug: string) => ({
  slug,
  legalName: `Instituto ${slug} (ficticio)`,
  country: 'PE',
  kinds: ['CERTIFYING_BODY'],
});

/** Runs statements as the database owner with the append-only trigger bypassed. */
async function asOwnerBypassingTrigger(t: TestApp, statements: [string, unknown[]?][]) {
  const runner = t.dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SET session_replication_role = replica');
    for (const [sql, parameters] of statements) await runner.query(sql, parameters);
  } finally {
    await runner.query('SET session_replication_role = origin');
    await runner.release();
  }
}

async function auditRows(t: TestApp): Promise<AuditRow[]> {
  return t.dataSource.query<AuditRow[]>(
    'SELECT seq::text AS seq, at, actor, action, subject, data, prev_hash, hash FROM audit_event ORDER BY seq',
  );
}

async function restore(t: TestApp, rows: AuditRow[]) {
  await asOwnerBypassingTrigger(t, [
    ['DELETE FROM audit_event WHERE seq >= $1', [rows[0].seq]],
    ...rows.map((row): [string, unknown[]] => [
      `INSERT INTO audit_event (seq, at, actor, action, subject, data, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        row.seq,
        row.at,
        row.actor,
        row.action,
        row.subject,
        JSON.stringify(row.data),
        row.prev_hash,
        row.hash,
      ],
    ]),
  ]);
}

describe('audit anchoring: signed checkpoints of the chain', () => {
  let t: TestApp;
  let admin: ReturnType<typeof asAdmin>;
  let head: AuditRow;
  beforeAll(async () => {
    t = await startTestApp({ AUDIT_CHECKPOINT_EVERY_SECONDS: '0' });
    admin = asAdmin(t);
    for (const slug of ['pe-anc-a', 'pe-anc-b', 'pe-anc-c']) {
      expect((await admin.post('/admin/issuers', newIssuer(slug))).status).toBe(201);
    }
    head = (await auditRows(t)).at(-1)!;
  });
  afterAll(() => t.close());

  it('signs a checkpoint on demand, for the admin only', async () => {
    expectProblem(await t.http.post('/admin/audit/checkpoints'), 401, 'UNAUTHORIZED');
    expect((await t.http.get('/audit/checkpoints')).body.items).toEqual([]);

    const res = await admin.post('/admin/audit/checkpoints');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ seq: head.seq, hash: head.hash });
    expect(res.body.credential).toMatchObject({
      type: ['VerifiableCredential', 'AuditCheckpointCredential'],
      issuer: REGISTRY_DID,
      credentialSubject: { type: 'AuditCheckpoint', sequence: head.seq, hash: head.hash },
      proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' },
    });
  });

  it('publishes the checkpoints without authentication, verifiable with the registry DID', async () => {
    const page = await t.http.get('/audit/checkpoints');
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ issuer: REGISTRY_DID, next: null });
    expect(page.body.items).toHaveLength(1);
    const [checkpoint] = page.body.items;

    const did = await t.http.get('/registry/did.json');
    expect(did.status).toBe(200);
    expect(did.body.id).toBe(REGISTRY_DID);
    expect(did.body.assertionMethod).toEqual([`${REGISTRY_DID}#key-1`]);

    const outside = await outsideVerifier(t).verify(checkpoint.credential);
    expect(outside.verified).toBe(true);
    const ours = await t.http
      .post('/credentials/verify')
      .send({ verifiableCredential: checkpoint.credential, options: { checks: ['proof'] } });
    expect(ours.status).toBe(200);
    expect(ours.body.verified).toBe(true);

    const forged = structuredClone(checkpoint.credential);
    forged.credentialSubject.sequence = String(Number(head.seq) - 2);
    expect((await outsideVerifier(t).verify(forged)).verified).toBe(false);
  });

  it('reports an intact chain through the newest checkpoint', async () => {
    const res = await admin.get('/admin/audit/verify');
    expect(res.body).toMatchObject({
      intact: true,
      entries: Number(head.seq),
      intactThrough: head.seq,
      latestCheckpoint: { seq: head.seq, hash: head.hash },
    });
    expect(res.body.firstBroken).toBeUndefined();
  });

  it('reports the intact prefix and the first broken entry when a middle entry is altered', async () => {
    const rows = await auditRows(t);
    const middle = rows[2];
    await asOwnerBypassingTrigger(t, [
      ["UPDATE audit_event SET actor = 'mallory' WHERE seq = $1", [middle.seq]],
    ]);
    const res = await admin.get('/admin/audit/verify');
    expect(res.body).toMatchObject({
      intact: false,
      entries: 2,
      intactThrough: '2',
      firstBroken: { seq: '3', reason: 'HASH_MISMATCH' },
    });
    await restore(t, rows.slice(2));
    expect((await admin.get('/admin/audit/verify')).body.intact).toBe(true);
  });

  it('finds the newest entries deleted with the trigger bypassed, which the links alone cannot', async () => {
    const rows = await auditRows(t);
    const keep = rows.length - 2;
    await asOwnerBypassingTrigger(t, [
      ['DELETE FROM audit_event WHERE seq > $1', [rows[keep - 1].seq]],
    ]);
    const res = await admin.get('/admin/audit/verify');
    expect(res.body).toMatchObject({
      intact: false,
      entries: keep,
      intactThrough: String(keep),
      // What is left links up fine: only the checkpoint shows the tail is gone.
      lastSeq: String(keep),
      firstBroken: {
        seq: String(keep + 1),
        reason: 'ENTRIES_MISSING',
        checkpointSeq: head.seq,
      },
    });
    // Nor is a checkpoint signed over the shortened chain.
    expectProblem(await admin.post('/admin/audit/checkpoints'), 409, 'AUDIT_CHAIN_BROKEN');
    expect((await t.http.get('/audit/checkpoints')).body.items).toHaveLength(1);
    await restore(t, rows.slice(keep));
    expect((await admin.get('/admin/audit/verify')).body.intact).toBe(true);
  });

  it('finds a rewrite whose hashes were all recomputed, from the checkpoint', async () => {
    const rows = await auditRows(t);
    // The owner edits entry 3 and recomputes every later link, as the chain alone cannot catch.
    const rewritten: AuditRow[] = [];
    let prevHash = rows[1].hash;
    for (const row of rows.slice(2)) {
      const entry = {
        seq: row.seq,
        at: new Date(row.at),
        actor: row.seq === '3' ? 'mallory' : row.actor,
        action: row.action,
        subject: row.subject,
        data: row.data,
        prevHash,
      };
      const hash = hashEntry(entry);
      rewritten.push({ ...row, actor: entry.actor, prev_hash: prevHash, hash });
      prevHash = hash;
    }
    await restore(t, rewritten);
    const res = await admin.get('/admin/audit/verify');
    expect(res.body).toMatchObject({
      intact: false,
      intactThrough: null,
      entries: 0,
      // Every link checks up to the checkpoint's entry, which does not match it.
      lastSeq: String(Number(head.seq) - 1),
      firstBroken: { seq: '1', reason: 'CHECKPOINT_MISMATCH', checkpointSeq: head.seq },
    });
    await restore(t, rows.slice(2));
    expect((await admin.get('/admin/audit/verify')).body.intact).toBe(true);
  });

  it('signs a new checkpoint on demand even when the head has not moved', async () => {
    expect((await admin.post('/admin/audit/checkpoints')).status).toBe(201);
    const page = await t.http.get('/audit/checkpoints?limit=1');
    expect(page.body.items).toHaveLength(1);
    expect(page.body.next).toBe(page.body.items[0].id);
    const older = await t.http.get(`/audit/checkpoints?before=${page.body.next}`);
    expect(older.body.items).toHaveLength(1);
    expect(older.body.next).toBeNull();
    expectProblem(await t.http.get('/audit/checkpoints?before=x'), 400, 'VALIDATION_FAILED');
  });

  it('lets an outside party keep the checkpoints and notice one withdrawn or forged', async () => {
    const keep = (kept: KeptFile) =>
      keepCheckpoints({
        kept,
        fetchJson: async (path) => (await t.http.get(path).expect(200)).body,
        verifyCredential: verifyCheckpointCredential,
      });
    const first = await keep({ checkpoints: [] });
    expect(first.problems).toEqual([]);
    expect(first.added).toBe(2);
    expect(first.kept).toMatchObject({ issuer: REGISTRY_DID, publicKeyMultibase: /^z6Mk/ });
    expect((await keep(first.kept)).added).toBe(0);

    // The operator withdraws the newest checkpoint (as one would to hide a deleted tail) and
    // publishes a forged one naming fewer entries.
    const [newest] = await t.dataSource.query<{ id: string; credential: object }[]>(
      'SELECT id::text AS id, credential FROM audit_checkpoint ORDER BY id DESC LIMIT 1',
    );
    await t.dataSource.query('DELETE FROM audit_checkpoint WHERE id = $1', [newest.id]);
    await t.dataSource.query(
      `INSERT INTO audit_checkpoint (seq, hash, at, credential) VALUES ('2', $1, now(), $2)`,
      [head.hash, JSON.stringify(newest.credential)],
    );
    const later = await keep(first.kept);
    expect(later.problems).toEqual([
      `Checkpoint ${newest.id} (entry ${head.seq}) is no longer published.`,
      expect.stringMatching(/is not validly signed/),
    ]);
    expect(later.added).toBe(0);
  });
});

describe('audit anchoring on an interval', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ AUDIT_CHECKPOINT_EVERY_SECONDS: '1' });
  });
  afterAll(() => t.close());

  it('signs a checkpoint each interval while the head moves, and none while it stays', async () => {
    const count = async () => (await t.http.get('/audit/checkpoints')).body.items.length as number;
    const deadline = Date.now() + 20_000;
    while ((await count()) === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await count()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await count()).toBe(1);

    await asAdmin(t).post('/admin/issuers', newIssuer('pe-anc-int'));
    const moved = Date.now() + 20_000;
    while ((await count()) === 1 && Date.now() < moved) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const [latest] = (await t.http.get('/audit/checkpoints')).body.items;
    const [head] = await t.dataSource.query<{ seq: string }[]>(
      'SELECT max(seq)::text AS seq FROM audit_event',
    );
    expect(latest.seq).toBe(head.seq);
  });
});
