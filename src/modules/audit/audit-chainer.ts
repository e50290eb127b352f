import pg from 'pg';
import { GENESIS_HASH, hashEntry } from './audit-chain.js';
import { AUDIT_REVISION_CHANNEL, QUIET_ACTIONS, type ChainHead } from './audit-revision.js';

// One chainer at a time across every replica: the chain never forks and `seq` has no gaps.
export const AUDIT_CHAIN_LOCK_ID = 7_305_121_963;

// Intake rows moved per chaining transaction.
const PASS_LIMIT = 1_000;

// The lock first, then the head and the intake read after it (each statement of this simple
// query takes its own snapshot, so both see every chaining committed before the lock was ours).
const BEGIN_PASS = `BEGIN;
SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_ID});
SELECT seq::text AS head, hash FROM audit_event ORDER BY audit_event.seq DESC LIMIT 1;
SELECT id::text AS id, at, actor, action, subject, data FROM audit_intake ORDER BY id LIMIT ${PASS_LIMIT}`;

const INSERT_CHAINED = `WITH chained AS (
  INSERT INTO audit_event (seq, at, actor, action, subject, data, prev_hash, hash, intake_id)
  SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[],
    $6::jsonb[], $7::text[], $8::text[], $9::bigint[])
  RETURNING 1)
SELECT pg_notify($10, $11), (SELECT count(*) FROM chained)`;

// The intake rows just chained leave with the chaining (the table's trigger allows no other way).
const END_PASS = `DELETE FROM audit_intake i USING audit_event e WHERE e.intake_id = i.id;
COMMIT`;

interface IntakeRow {
  id: string;
  at: Date;
  actor: string;
  action: string;
  subject: string;
  data: Record<string, unknown>;
}

/**
 * Moves committed intake rows into the hash chain, in the order of their intake ids, on a
 * connection of its own. Callers share passes: `chain()` waits for a pass that starts after it
 * was called, so many transactions committing together are chained by one or two passes.
 */
export class AuditChainer {
  private readonly pool: pg.Pool;
  private active: Promise<unknown> = Promise.resolve();
  private waiting: Promise<ChainHead> | undefined;

  constructor(url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 1 });
    // A lost idle connection is replaced at the next pass.
    this.pool.on('error', () => undefined);
  }

  /** Chains every entry committed before the call; the chain's head `seq` afterwards. */
  chain(): Promise<ChainHead> {
    if (this.waiting) return this.waiting;
    const pass = this.active.then(() => {
      this.waiting = undefined;
      return this.drain();
    });
    this.waiting = pass;
    this.active = pass.catch(() => undefined);
    return pass;
  }

  async close(): Promise<void> {
    await this.active;
    await this.pool.end();
  }

  private async drain(): Promise<ChainHead> {
    const client = await this.pool.connect();
    let facts: string | undefined;
    try {
      for (;;) {
        const pass = await this.pass(client);
        facts = pass.facts ?? facts;
        if (pass.moved < PASS_LIMIT) {
          client.release();
          return { head: pass.head, ...(facts === undefined ? {} : { facts }) };
        }
      }
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(error instanceof Error ? error : true);
      throw error;
    }
  }

  private async pass(client: pg.PoolClient): Promise<ChainHead & { moved: number }> {
    const results = (await client.query(BEGIN_PASS)) as unknown as pg.QueryResult[];
    const last = results[2].rows[0] as { head: string; hash: string } | undefined;
    const intake = results[3].rows as IntakeRow[];
    let seq = BigInt(last?.head ?? '0');
    if (intake.length === 0) {
      await client.query('COMMIT');
      return { head: String(seq), moved: 0 };
    }
    let prevHash = last?.hash ?? GENESIS_HASH;
    let facts: string | undefined;
    const columns: unknown[][] = [[], [], [], [], [], [], [], [], []];
    for (const row of intake) {
      seq += 1n;
      const entry = { ...row, seq: String(seq), prevHash };
      const hash = hashEntry(entry);
      if (!QUIET_ACTIONS.includes(row.action)) facts = entry.seq;
      const values = [
        entry.seq,
        row.at,
        row.actor,
        row.action,
        row.subject,
        JSON.stringify(row.data),
        prevHash,
        hash,
        row.id,
      ];
      values.forEach((value, i) => columns[i].push(value));
      prevHash = hash;
    }
    const head = String(seq);
    const payload = facts === undefined ? head : `${head},${facts}`;
    await client.query(INSERT_CHAINED, [...columns, AUDIT_REVISION_CHANNEL, payload]);
    await client.query(END_PASS);
    return { head, moved: intake.length, ...(facts === undefined ? {} : { facts }) };
  }
}
