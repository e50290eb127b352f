import type { Logger } from '@nestjs/common';
import pg from 'pg';
import type { DataSource, EntitySubscriberInterface, QueryRunner } from 'typeorm';

/**
 * Carries the chain's head to every replica (`pg_notify` inside each chaining): `<head>`, or
 * `<head>,<facts>` when the chaining moved the facts revision too.
 */
export const AUDIT_REVISION_CHANNEL = 'audit_revision';

/**
 * Actions that record new things without changing any existing one (a credential issued, a batch
 * job's bookkeeping). Every other action moves the facts revision, the one that caches of issuers,
 * keys and accreditations are kept under: so issuing does not drop them.
 */
export const QUIET_ACTIONS: readonly string[] = [
  'credential.issued',
  'issuance_job.created',
  'issuance_job.finished',
  'issuance_job.claim_codes_released',
];

/** The chain's head after a chaining, and the newest entry of it that was not quiet. */
export interface ChainHead {
  head: string;
  facts?: string;
}

/**
 * Marks a query runner whose owner waits for the chaining of its commit itself, once it has
 * released the connection (`null` until the commit starts the chaining).
 */
export interface ChainingAfterRelease {
  chaining: Promise<void> | null;
}

// After a lost listening connection, the next try comes this much later.
const RECONNECT_MS = 1_000;

/**
 * The newest audit seq, kept in memory so that reading it costs no query. Three sources keep it
 * current: the database at start (and after a lost listening connection), this replica's own
 * commits (a TypeORM subscriber that chains the transaction's entries right after its commit, see
 * `AuditChainer`), and other replicas' chaining (`LISTEN`; PostgreSQL delivers a `NOTIFY` only
 * when its transaction commits). While not listening, or while an entry of this replica waits to
 * be chained, `current()` is `undefined` and callers read the database instead.
 */
export class AuditRevision implements EntitySubscriberInterface {
  private seq: bigint | undefined;
  private facts: bigint | undefined;
  private client: pg.Client | undefined;
  private stopped = false;
  private reconnect: NodeJS.Timeout | undefined;
  // True from a failed chaining of this replica's commit until a chaining succeeds.
  private unchained = false;
  // Transactions that appended an entry.
  private readonly pending = new WeakSet<QueryRunner>();

  /** `chain` chains every committed entry and gives the chain's head. */
  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
    private readonly chain: () => Promise<ChainHead>,
  ) {}

  current(): string | undefined {
    return this.seq === undefined || this.unchained ? undefined : String(this.seq);
  }

  /** The newest seq of an entry not in `QUIET_ACTIONS`; undefined when `current()` is. */
  currentFacts(): string | undefined {
    return this.current() === undefined || this.facts === undefined
      ? undefined
      : String(this.facts);
  }

  /** Called by `append`: its entries are chained when (and only if) the transaction commits. */
  appended(runner: QueryRunner): void {
    this.pending.add(runner);
  }

  /** The chain's head after a successful chaining by this replica. */
  chained({ head, facts }: ChainHead): void {
    this.unchained = false;
    this.advance(BigInt(head), facts === undefined ? undefined : BigInt(facts));
  }

  // TypeORM awaits this before `commitTransaction` returns, so the caller answers only once its
  // entries are in the chain and the revision has moved. A transaction run by
  // `AuditService.transaction` waits for it after giving its connection back instead.
  afterTransactionCommit(event: { queryRunner: QueryRunner }): Promise<void> | undefined {
    // A released savepoint is not a commit: wait for the outermost transaction.
    if (event.queryRunner.isTransactionActive) return undefined;
    if (!this.pending.delete(event.queryRunner)) return undefined;
    const chaining = this.chainCommitted();
    const data = event.queryRunner.data as Partial<ChainingAfterRelease>;
    if (data.chaining === null) {
      data.chaining = chaining;
      return undefined;
    }
    return chaining;
  }

  // A savepoint's rollback may leave other entries of the transaction: chain at its commit.
  afterTransactionRollback(event: { queryRunner: QueryRunner }): void {
    if (!event.queryRunner.isTransactionActive) this.pending.delete(event.queryRunner);
  }

  private async chainCommitted(): Promise<void> {
    if (this.stopped) return;
    try {
      this.chained(await this.chain());
    } catch (error) {
      // The change is committed: answer it, and read the revision from the database (which
      // counts waiting intake rows) until a chaining succeeds.
      this.unchained = true;
      this.logger.error(
        `audit chaining after a commit failed${error instanceof Error ? `: ${error.message}` : ''}; retried shortly`,
      );
    }
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
    this.facts = undefined;
    await client?.end().catch(() => undefined);
  }

  private advance(seq: bigint, facts?: bigint): void {
    if (this.seq !== undefined && seq > this.seq) this.seq = seq;
    if (this.facts !== undefined && facts !== undefined && facts > this.facts) this.facts = facts;
  }

  private async listen(): Promise<void> {
    const url = (this.dataSource.options as { url?: string }).url;
    if (!url || this.stopped) return;
    const client = new pg.Client({ connectionString: url });
    client.on('notification', (message) => {
      if (message.channel !== AUDIT_REVISION_CHANNEL || !message.payload) return;
      const [head, facts] = message.payload.split(',');
      this.advance(BigInt(head), facts === undefined ? undefined : BigInt(facts));
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${AUDIT_REVISION_CHANNEL}`);
      // Read after LISTEN: a commit in between is seen by one or the other, never by neither.
      const { rows } = await client.query<{ seq: string | null; facts: string | null }>(
        `SELECT (SELECT max(seq) FROM audit_event)::text AS seq,
                (SELECT seq FROM audit_event WHERE action <> ALL($1::text[])
                 ORDER BY seq DESC LIMIT 1)::text AS facts`,
        [QUIET_ACTIONS],
      );
      if (this.stopped) {
        await client.end();
        return;
      }
      this.client = client;
      const read = BigInt(rows[0]?.seq ?? '0');
      const readFacts = BigInt(rows[0]?.facts ?? '0');
      this.facts = this.facts === undefined || readFacts > this.facts ? readFacts : this.facts;
      this.seq = this.seq === undefined || read > this.seq ? read : this.seq;
    } catch (error) {
      this.lost(client, error);
    }
  }

  private lost(client: pg.Client, error?: unknown): void {
    if (this.client && this.client !== client) return;
    this.client = undefined;
    this.seq = undefined;
    this.facts = undefined;
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
