import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan, type EntityManager } from 'typeorm';
import { AuditEvent } from './audit-event.entity.js';
import { GENESIS_HASH, hashEntry } from './audit-chain.js';

// Serialises appends across transactions and replicas, so the chain never forks.
const AUDIT_LOCK_ID = 7_305_121_963;

export interface AuditEntryInput {
  actor: string;
  action: string;
  subject: string;
  data?: Record<string, unknown>;
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
    return manager.save(AuditEvent, entry);
  }

  /**
   * The sequence number of the newest entry. Every change to issuers, keys, accreditations,
   * agreements and credential status is audited, so this is a revision of all of them.
   */
  async latestSeq(): Promise<string> {
    const [row] = await this.dataSource.query<{ seq: string | null }[]>(
      'SELECT max(seq)::text AS seq FROM audit_event',
    );
    return row?.seq ?? '0';
  }

  async list(afterSeq: string, limit: number): Promise<AuditEvent[]> {
    return this.dataSource.getRepository(AuditEvent).find({
      where: { seq: MoreThan(afterSeq) },
      order: { seq: 'ASC' },
      take: limit,
    });
  }
}
