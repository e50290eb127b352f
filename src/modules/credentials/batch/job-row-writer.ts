import type { DataSource, QueryRunner } from 'typeorm';
import { CredentialRecord } from '../entities/credential.entity.js';
import { isSlotConflict } from '../services/status-lists.service.js';

/** A signed row, ready to be stored. */
export interface RowToStore {
  jobId: string;
  rowNo: number;
  /** The runner that claimed the row: the row is stored only while it still holds the claim. */
  runnerId: string;
  record: CredentialRecord;
  /** The claim code sealed for the issuer's download (see ClaimCodeVault). */
  sealedClaimCode: string;
}

/**
 * - `stored`: the credential is stored and the row DONE, in one transaction;
 * - `lost`: the row was no longer pending and ours (another runner settled it): nothing stored;
 * - `conflict`: a status slot was taken meanwhile: nothing stored; sign again with new slots.
 */
export type StoreOutcome = 'stored' | 'lost' | 'conflict';

interface PgResult {
  command: string;
  rows: Record<string, unknown>[];
}

/** The `pg` client under a TypeORM query runner. */
interface PgClient {
  query(text: string | { text: string; values: unknown[] }): Promise<PgResult | PgResult[]>;
}

/**
 * A string as an SQL literal, as `pg`'s `escapeLiteral` writes it (quotes doubled; with a
 * backslash, an `E''` string with backslashes doubled), in native string operations: `pg` goes
 * character by character, which was a tenth of the event loop's time per batch row.
 */
export function sqlLiteral(text: string): string {
  const quoted = `'${text.replaceAll("'", "''")}'`;
  return text.includes('\\') ? ` E${quoted.replaceAll('\\', '\\\\')}` : quoted;
}

/** A value as the SQL literal the prepared statement casts to its column's type. */
function sqlValue(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${value} cannot be stored`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return sqlLiteral(value.toISOString());
  if (typeof value === 'string') return sqlLiteral(value);
  return sqlLiteral(JSON.stringify(value));
}

interface Pending {
  row: RowToStore;
  resolve(outcome: StoreOutcome): void;
  reject(error: unknown): void;
}

// Rows stored in one round trip at most; each is still its own transaction.
const MAX_GROUP = 32;
let prepared = 0;

/**
 * Stores batch rows, each in its own transaction that inserts the credential and marks the row
 * DONE with the credential id and its sealed claim code (clearing its payload) — only if the row
 * is still PENDING and claimed by the runner (so a row is issued at most once). The job's row is
 * not touched: runners on every replica would queue on its lock; its `done` is counted when it
 * finishes (see IssuanceJob).
 *
 * The rows that are ready at the same moment go to the database together, as one message of
 * `BEGIN; EXECUTE store(…); COMMIT;` per row on a connection of the writer's own, with a
 * statement prepared once: each row is its own transaction still, but the round trip, the
 * parsing and the planning are paid once per group, which is most of the cost of a row. Values are sent as literals (`sqlValue`), each cast to its column's declared
 * type by the prepared statement.
 */
export class JobRowWriter {
  private readonly queue: Pending[] = [];
  private flushing = false;
  private connection?: Promise<{ runner: QueryRunner; client: PgClient; name: string }>;
  private readonly columns;

  constructor(private readonly dataSource: DataSource) {
    this.columns = dataSource.getMetadata(CredentialRecord).columns;
  }

  store(row: RowToStore): Promise<StoreOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  /** Gives the connection back; rows still queued are refused. */
  async close(): Promise<void> {
    for (const pending of this.queue.splice(0)) {
      pending.reject(new Error('The job row writer is closed'));
    }
    await this.disconnect();
  }

  private async disconnect(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    await connection?.then(({ runner }) => runner.release()).catch(() => undefined);
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, MAX_GROUP);
        try {
          const outcomes = await this.storeGroup(group.map((pending) => pending.row));
          group.forEach((pending, i) => pending.resolve(outcomes[i]));
        } catch (error) {
          for (const pending of group) pending.reject(error);
          // Not an answer of the database: the connection broke. The next group opens another.
          if (typeof (error as { code?: unknown })?.code !== 'string') await this.disconnect();
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async storeGroup(rows: RowToStore[]): Promise<StoreOutcome[]> {
    const { client, name } = await this.connect();
    const text = rows
      .map((row) => `BEGIN; EXECUTE ${name}(${this.literals(row).join(', ')}); COMMIT;`)
      .join('\n');
    try {
      const results = [await client.query(text)].flat();
      return results
        .filter((result) => result.command === 'SELECT')
        .map((result) => (result.rows[0]?.stored === 1 ? 'stored' : 'lost'));
    } catch (error) {
      // The rows before the failing one are committed, the others not run: find out which.
      await client.query('ROLLBACK');
      return this.afterFailure(client, rows, error);
    }
  }

  private async afterFailure(
    client: PgClient,
    rows: RowToStore[],
    error: unknown,
  ): Promise<StoreOutcome[]> {
    const result = await client.query({
      text: `SELECT job_id, row_no, status, credential_id, claimed_by FROM issuance_job_row
             WHERE (job_id, row_no) IN (SELECT * FROM unnest($1::uuid[], $2::int[]))`,
      values: [rows.map((row) => row.jobId), rows.map((row) => row.rowNo)],
    });
    const states = new Map(
      [result]
        .flat()[0]
        .rows.map((state) => [`${String(state.job_id)}/${String(state.row_no)}`, state]),
    );
    const outcomes: StoreOutcome[] = [];
    for (const row of rows) {
      const state = states.get(`${row.jobId}/${row.rowNo}`);
      if (state?.credential_id === row.record.id) outcomes.push('stored');
      else if (state?.status !== 'PENDING' || state.claimed_by !== row.runnerId)
        outcomes.push('lost');
      else if (rows.length > 1) outcomes.push(...(await this.storeGroup([row])));
      else if (isSlotConflict(error)) outcomes.push('conflict');
      else throw error;
    }
    return outcomes;
  }

  private literals(row: RowToStore): string[] {
    const record = row.record as unknown as Record<string, unknown>;
    return [
      row.record.id,
      row.sealedClaimCode,
      row.jobId,
      row.rowNo,
      row.runnerId,
      ...this.columns.map((column) => record[column.propertyName]),
    ].map(sqlValue);
  }

  // Its own connection, so that the statement is prepared once and the groups go one at a time.
  private connect(): Promise<{ runner: QueryRunner; client: PgClient; name: string }> {
    this.connection ??= (async () => {
      const runner = this.dataSource.createQueryRunner();
      await runner.connect();
      const client = (runner as unknown as { databaseConnection: PgClient }).databaseConnection;
      // A name per writer: the connection may outlive this writer in the pool.
      prepared += 1;
      const name = `store_job_row_${process.pid}_${prepared}`;
      try {
        await client.query(this.prepareStatement(name));
      } catch (error) {
        await runner.release();
        throw error;
      }
      return { runner, client, name };
    })();
    this.connection.catch(() => (this.connection = undefined));
    return this.connection;
  }

  private prepareStatement(name: string): string {
    const types = [
      'uuid',
      'text',
      'uuid',
      'int',
      'text',
      ...this.columns.map((c) => String(c.type)),
    ];
    const names = this.columns.map((column) => column.databaseName).join(', ');
    const values = this.columns.map((_, i) => `$${i + 6}`).join(', ');
    return `PREPARE ${name}(${types.join(', ')}) AS
      WITH settled AS (
        UPDATE issuance_job_row
        SET status = 'DONE', credential_id = $1, sealed_claim_code = $2, payload = NULL
        WHERE job_id = $3 AND row_no = $4 AND status = 'PENDING' AND claimed_by = $5
        RETURNING job_id
      ), stored AS (
        INSERT INTO credential (${names}) SELECT ${values} FROM settled RETURNING id
      )
      SELECT count(*)::int AS stored FROM stored`;
  }
}
