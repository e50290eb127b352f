import type { Logger } from '@nestjs/common';
import pg from 'pg';
import type { DataSource, EntitySubscriberInterface, QueryRunner } from 'typeorm';

/** Carries the seq of every committed entry to every replica (`pg_notify` inside the append). */
export const AUDIT_REVISION_CHANNEL = 'audit_revision';

// After a lost listening connection, the next try comes this much later.
const RECONNECT_MS = 1_000;

/**
 * The newest audit seq, kept in memory so that reading it costs no query. Three sources keep it
 * current: the database at start (and after a lost listening connection), this replica's own
 * commits (a TypeORM subscriber, at once), and other replicas' commits (`LISTEN`; PostgreSQL
 * delivers a `NOTIFY` only when its transaction commits). While not listening, `current()` is
 * `undefined` and callers read the database instead.
 */
export class AuditRevision implements EntitySubscriberInterface {
  private seq: bigint | undefined;
  private client: pg.Client | undefined;
  private stopped = false;
  private reconnect: NodeJS.Timeout | undefined;
  // Transactions that appended an entry, with the seq they appended.
  private readonly pending = new WeakMap<QueryRunner, bigint>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
  ) {}

  current(): string | undefined {
    return this.seq === undefined ? undefined : String(this.seq);
  }

  /** Called by `append`: the seq becomes the revision when (and only if) its transaction commits. */
  appended(runner: QueryRunner, seq: string): void {
    this.pending.set(runner, BigInt(seq));
  }

  afterTransactionCommit(event: { queryRunner: QueryRunner }): void {
    // A released savepoint is not a commit: wait for the outermost transaction.
    if (event.queryRunner.isTransactionActive) return;
    const seq = this.pending.get(event.queryRunner);
    if (seq === undefined) return;
    this.pending.delete(event.queryRunner);
    this.advance(seq);
  }

  // After any rollback (a savepoint's too) the entry may be gone: the NOTIFY, sent only on
  // commit, is then the one that advances the revision.
  afterTransactionRollback(event: { queryRunner: QueryRunner }): void {
    this.pending.delete(event.queryRunner);
  }

  async start(): Promise<void> {
    this.dataSource.subscribers.push(this);
    await this.listen();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnect);
    const client = this.client;
    this.client = undefined;
    this.seq = undefined;
    await client?.end().catch(() => undefined);
  }

  private advance(seq: bigint): void {
    if (this.seq !== undefined && seq > this.seq) this.seq = seq;
  }

  private async listen(): Promise<void> {
    const url = (this.dataSource.options as { url?: string }).url;
    if (!url || this.stopped) return;
    const client = new pg.Client({ connectionString: url });
    client.on('notification', (message) => {
      if (message.channel === AUDIT_REVISION_CHANNEL && message.payload)
        this.advance(BigInt(message.payload));
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${AUDIT_REVISION_CHANNEL}`);
      // Read after LISTEN: a commit in between is seen by one or the other, never by neither.
      const { rows } = await client.query<{ seq: string | null }>(
        'SELECT max(seq)::text AS seq FROM audit_event',
      );
      if (this.stopped) {
        await client.end();
        return;
      }
      this.client = client;
      const read = BigInt(rows[0]?.seq ?? '0');
      this.seq = this.seq === undefined || read > this.seq ? read : this.seq;
    } catch (error) {
      this.lost(client, error);
    }
  }

  private lost(client: pg.Client, error?: unknown): void {
    if (this.client && this.client !== client) return;
    this.client = undefined;
    this.seq = undefined;
    client.removeAllListeners('end');
    void client.end().catch(() => undefined);
    if (this.stopped || this.reconnect) return;
    this.logger.warn(
      `audit revision listener lost${error instanceof Error ? `: ${error.message}` : ''}; reading the database until it is back`,
    );
    this.reconnect = setTimeout(() => {
      this.reconnect = undefined;
      void this.listen();
    }, RECONNECT_MS);
  }
}
