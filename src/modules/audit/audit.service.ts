import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan, type EntityManager } from 'typeorm';
import { AuditChainer } from './audit-chainer.js';
import { AuditEvent } from './audit-event.entity.js';
import { AuditRevision, type ChainHead, type ChainingAfterRelease } from './audit-revision.js';

// Chains what a crashed replica or a failed chaining left in the intake.
const SWEEP_MS = 2_000;

export interface AuditEntryInput {
  actor: string;
  action: string;
  subject: string;
  data?: Record<string, unknown>;
}

@Injectable()
export class AuditService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditService.name);
  private readonly chainer: AuditChainer;
  private readonly revision: AuditRevision;
  private sweep: NodeJS.Timeout | undefined;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    const url = (dataSource.options as { url?: string }).url;
    if (!url) throw new TypeError('AuditService needs the database URL');
    this.chainer = new AuditChainer(url);
    this.revision = new AuditRevision(dataSource, this.logger, () => this.chainer.chain());
  }

  async onModuleInit(): Promise<void> {
    await this.revision.start();
    this.sweep = setInterval(() => {
      this.chain().catch((error: unknown) =>
        this.logger.warn(`audit chaining failed: ${(error as Error).message}`),
      );
    }, SWEEP_MS);
    this.sweep.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.sweep);
    await this.revision.stop();
    await this.chainer.close();
  }

  /**
   * Appends an entry inside the caller's transaction: it commits or rolls back with the change
   * it records. No lock: the entry goes to the intake, and is chained (its `seq`, `prev_hash` and
   * `hash`) right after the commit, before the commit returns to the caller.
   */
  async append(manager: EntityManager, input: AuditEntryInput): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new TypeError('AuditService.append must run inside a transaction');
    }
    await manager.query(
      'INSERT INTO audit_intake (at, actor, action, subject, data) VALUES ($1, $2, $3, $4, $5)',
      // Millisecond precision, so the hash computed from the row matches the value read back.
      [new Date(), input.actor, input.action, input.subject, JSON.stringify(input.data ?? {})],
    );
    this.revision.appended(manager.queryRunner);
  }

  /**
   * Runs `work` in a transaction like `DataSource.transaction`, and like it returns once the
   * entries it appended are chained; but gives its connection back to the pool at commit, not
   * after the chaining: a connection waiting for a chaining pass does nothing for anyone.
   */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    const data: ChainingAfterRelease = { chaining: null };
    runner.data = data;
    let result: T;
    try {
      result = await runner.manager.transaction(work);
    } finally {
      await runner.release();
    }
    await data.chaining;
    return result;
  }

  /** Chains every committed entry; readers of the chain call it first so they see them all. */
  async chain(): Promise<ChainHead> {
    const head = await this.chainer.chain();
    this.revision.chained(head);
    return head;
  }

  /**
   * A revision of everything audited: every change to issuers, keys, accreditations, agreements
   * and credential status is audited, so it moves with each. Answered from memory while this
   * replica listens for other replicas' chaining; otherwise the newest chained `seq`, with the
   * number of entries still waiting in the intake.
   */
  async latestSeq(): Promise<string> {
    const known = this.revision.current();
    if (known !== undefined) return known;
    const [row] = await this.dataSource.query<{ seq: string; waiting: number }[]>(
      `SELECT (SELECT coalesce(max(seq), 0) FROM audit_event)::text AS seq,
              (SELECT count(*) FROM audit_intake)::int AS waiting`,
    );
    return row.waiting > 0 ? `${row.seq}+${row.waiting}` : row.seq;
  }

  /** The revision as this replica knows it without a query; undefined while it cannot. */
  knownSeq(): string | undefined {
    return this.revision.current();
  }

  /**
   * A revision of issuers, keys, API keys and accreditations: the newest entry whose action is
   * not quiet (`QUIET_ACTIONS`: issuing does not move it). Known without a query, or undefined.
   */
  knownFactsSeq(): string | undefined {
    return this.revision.currentFacts();
  }

  async list(afterSeq: string, limit: number): Promise<AuditEvent[]> {
    await this.chain();
    return this.dataSource.getRepository(AuditEvent).find({
      where: { seq: MoreThan(afterSeq) },
      order: { seq: 'ASC' },
      take: limit,
    });
  }
}
