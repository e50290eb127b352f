import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan, type EntityManager } from 'typeorm';
import { AuditEvent } from './audit-event.entity.js';
import { GENESIS_HASH, hashEntry } from './audit-chain.js';
import { AUDIT_REVISION_CHANNEL, AuditRevision } from './audit-revision.js';

// Serialises appends across transactions and replicas, so the chain never forks.
const AUDIT_LOCK_ID = 7_305_121_963;

export interface AuditEntryInput {
  actor: string;
  action: string;
  subject: string;
  data?: Record<string, unknown>;
}

@Injectable()
export class AuditService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly revision: AuditRevision;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.revision = new AuditRevision(dataSource, new Logger(AuditService.name));
  }

  async onModuleInit(): Promise<void> {
    await this.revision.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.revision.stop();
  }

  /**
   * Appends an entry inside the caller's transaction: it commits or rolls back with the change
   * it records.
   */
  async append(manager: EntityManager, input: AuditEntryInput): Promise<AuditEvent> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new TypeError('AuditService.append must run inside a transaction');
    }
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK_ID]);
    const [last] = await manager.find(AuditEvent, { order: { seq: 'DESC' }, take: 1 });
    const entry = manager.create(AuditEvent, {
      seq: String(last ? BigInt(last.seq) + 1n : 1n),
      // Millisecond precision, so the hash computed now matches the value read back later.
      at: new Date(),
      actor: input.actor,
      action: input.action,
      subject: input.subject,
      data: input.data ?? {},
      prevHash: last?.hash ?? GENESIS_HASH,
    });
    entry.hash = hashEntry(entry);
    const saved = await manager.save(AuditEvent, entry);
    // Delivered to every replica when (and only if) the transaction commits.
    await manager.query('SELECT pg_notify($1, $2)', [AUDIT_REVISION_CHANNEL, saved.seq]);
    this.revision.appended(manager.queryRunner, saved.seq);
    return saved;
  }

  /**
   * The sequence number of the newest entry. Every change to issuers, keys, accreditations,
   * agreements and credential status is audited, so this is a revision of all of them. Answered
   * from memory while this replica listens for other replicas' commits.
   */
  async latestSeq(): Promise<string> {
    const known = this.revision.current();
    if (known !== undefined) return known;
    const [row] = await this.dataSource.query<{ seq: string | null }[]>(
      'SELECT max(seq)::text AS seq FROM audit_event',
    );
    return row?.seq ?? '0';
  }

  /** The newest seq as this replica knows it without a query; undefined while it cannot. */
  knownSeq(): string | undefined {
    return this.revision.current();
  }

  async list(afterSeq: string, limit: number): Promise<AuditEvent[]> {
    return this.dataSource.getRepository(AuditEvent).find({
      where: { seq: MoreThan(afterSeq) },
      order: { seq: 'ASC' },
      take: limit,
    });
  }
}
