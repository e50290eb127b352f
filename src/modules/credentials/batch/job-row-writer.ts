import type { DataSource } from 'typeorm';
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

interface Pending {
  row: RowToStore;
  resolve(outcome: StoreOutcome): void;
  reject(error: unknown): void;
}

// Rows stored in one statement at most.
const MAX_GROUP = 32;

// The columns written for a row beside the credential's own, with their types.
const ROW_PARAMETERS = [
  ['credential_id', 'uuid'],
  ['sealed_claim_code', 'text'],
  ['job_id', 'uuid'],
  ['row_no', 'int'],
  ['runner_id', 'text'],
] as const;

/**
 * Stores batch rows: inserts each credential and marks its row DONE with the credential id and its
 * sealed claim code (clearing its payload) — only if the row is still PENDING and claimed by the
 * runner (so a row is issued at most once). The job's row is not touched: runners on every
 * replica would queue on its lock; its `done` is counted when it finishes (see IssuanceJob).
 *
 * The rows that are ready at the same moment go to the database together, in one statement whose
 * values are parameters: one typed array per column, taken apart by `unnest`. So the round trip,
 * the parsing and the planning are paid once per group, which is most of the cost of a row. A
 * group is one transaction; when it fails (a status slot taken meanwhile), nothing of it is
 * stored and its rows are stored one by one to find the culprit.
 */
export class JobRowWriter {
  private readonly queue: Pending[] = [];
  private flushing = false;
  private readonly columns;
  private readonly statement: string;

  constructor(private readonly dataSource: DataSource) {
    this.columns = dataSource.getMetadata(CredentialRecord).columns;
    this.statement = this.storeStatement();
  }

  store(row: RowToStore): Promise<StoreOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  /** Rows still queued are refused. */
  close(): Promise<void> {
    for (const pending of this.queue.splice(0)) {
      pending.reject(new Error('The job row writer is closed'));
    }
    return Promise.resolve();
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
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async storeGroup(rows: RowToStore[]): Promise<StoreOutcome[]> {
    let stored: { id: string }[];
    try {
      stored = await this.dataSource.query<{ id: string }[]>(this.statement, this.parameters(rows));
    } catch (error) {
      return this.afterFailure(rows, error);
    }
    const ids = new Set(stored.map((row) => row.id));
    return rows.map((row) => (ids.has(row.record.id) ? 'stored' : 'lost'));
  }

  private async afterFailure(rows: RowToStore[], error: unknown): Promise<StoreOutcome[]> {
    // Not an answer of the database (the connection broke): the rows' fate is unknown here.
    if (typeof (error as { code?: unknown })?.code !== 'string') throw error;
    const states = await this.dataSource.query<
      {
        job_id: string;
        row_no: number;
        status: string;
        credential_id: string | null;
        claimed_by: string | null;
      }[]
    >(
      `SELECT job_id, row_no, status, credential_id, claimed_by FROM issuance_job_row
       WHERE (job_id, row_no) IN (SELECT * FROM unnest($1::uuid[], $2::int[]))`,
      [rows.map((row) => row.jobId), rows.map((row) => row.rowNo)],
    );
    const byRow = new Map(states.map((state) => [`${state.job_id}/${state.row_no}`, state]));
    const outcomes: StoreOutcome[] = [];
    for (const row of rows) {
      const state = byRow.get(`${row.jobId}/${row.rowNo}`);
      if (state?.credential_id === row.record.id) outcomes.push('stored');
      else if (state?.status !== 'PENDING' || state.claimed_by !== row.runnerId)
        outcomes.push('lost');
      else if (rows.length > 1) outcomes.push(...(await this.storeGroup([row])));
      else if (isSlotConflict(error)) outcomes.push('conflict');
      else throw error;
    }
    return outcomes;
  }

  /** One array per parameter of the statement, each holding that value of every row. */
  private parameters(rows: RowToStore[]): unknown[][] {
    const records = rows.map((row) => row.record as unknown as Record<string, unknown>);
    return [
      rows.map((row) => row.record.id),
      rows.map((row) => row.sealedClaimCode),
      rows.map((row) => row.jobId),
      rows.map((row) => row.rowNo),
      rows.map((row) => row.runnerId),
      ...this.columns.map((column) =>
        records.map((record) => {
          const value = record[column.propertyName];
          // A JSON column's arrays and objects go as JSON text, which `jsonb[]` reads back.
          return column.type === 'jsonb' && value !== null && value !== undefined
            ? JSON.stringify(value)
            : (value ?? null);
        }),
      ),
    ];
  }

  private storeStatement(): string {
    const input = [
      ...ROW_PARAMETERS.map(([name, type], i) => ({ name, type, parameter: i + 1 })),
      ...this.columns.map((column, i) => ({
        name: `c_${column.databaseName}`,
        type: String(column.type),
        parameter: ROW_PARAMETERS.length + i + 1,
      })),
    ];
    const arrays = input.map(({ type, parameter }) => `$${parameter}::${type}[]`).join(', ');
    const aliases = input.map(({ name }) => name).join(', ');
    const names = this.columns.map((column) => column.databaseName).join(', ');
    const values = this.columns.map((column) => `i.c_${column.databaseName}`).join(', ');
    return `WITH input AS (
        SELECT * FROM unnest(${arrays}) AS i(${aliases})
      ), settled AS (
        UPDATE issuance_job_row r
        SET status = 'DONE', credential_id = i.credential_id,
            sealed_claim_code = i.sealed_claim_code, payload = NULL
        FROM input i
        WHERE r.job_id = i.job_id AND r.row_no = i.row_no AND r.status = 'PENDING'
          AND r.claimed_by = i.runner_id
        RETURNING i.credential_id
      )
      INSERT INTO credential (${names})
      SELECT ${values} FROM input i JOIN settled s ON s.credential_id = i.credential_id
      RETURNING id`;
  }
}
