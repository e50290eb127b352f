import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { finishWalk, walkEntries, type AnchoredBreak, type ChainWalk } from './audit-anchoring.js';
import { AuditCheckpoint } from './audit-checkpoint.entity.js';
import { GENESIS_HASH } from './audit-chain.js';
import { AuditService } from './audit.service.js';

const VERIFY_BATCH = 1_000;

export interface AuditVerification {
  intact: boolean;
  /** Entries from the first through `intactThrough`. */
  entries: number;
  /** The last entry vouched intact (its links check, and so do the checkpoints up to it). */
  intactThrough: string | null;
  /** The last entry checked (links and checkpoints) before the first break, and its hash. */
  lastSeq: string | null;
  lastHash: string;
  firstBroken?: AnchoredBreak;
  /** The newest checkpoint the chain was checked against; null when none was signed yet. */
  latestCheckpoint: { id: string; seq: string; hash: string; at: Date } | null;
}

/**
 * Recomputes the audit chain and checks it against every signed checkpoint, so that a deleted
 * tail (even with the append-only trigger bypassed) or a rewrite with recomputed hashes is found
 * as well as an edited entry.
 */
@Injectable()
export class AuditVerificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async verify(): Promise<AuditVerification> {
    const checkpoints = await this.dataSource.getRepository(AuditCheckpoint).find({
      select: { id: true, seq: true, hash: true, at: true },
      order: { id: 'ASC' },
    });
    const signed = new Map(checkpoints.map((checkpoint) => [checkpoint.seq, checkpoint.hash]));
    const latest = checkpoints.at(-1);
    let walk: ChainWalk = {
      previous: { seq: '0', hash: GENESIS_HASH },
      entries: 0,
      vouchedSeq: '0',
    };
    for (;;) {
      const batch = await this.audit.list(walk.previous.seq, VERIFY_BATCH);
      walk = walkEntries(walk, batch, signed);
      if (walk.broken || batch.length < VERIFY_BATCH) break;
    }
    walk = finishWalk(walk, latest?.seq);
    const { previous, broken } = walk;
    // After a checkpoint mismatch, only the entries up to the last matching checkpoint are vouched.
    const intactThrough = broken?.reason === 'CHECKPOINT_MISMATCH' ? walk.vouchedSeq : previous.seq;
    return {
      intact: broken === undefined,
      entries: Number(intactThrough),
      intactThrough: intactThrough === '0' ? null : intactThrough,
      lastSeq: previous.seq === '0' ? null : previous.seq,
      lastHash: previous.hash,
      ...(broken ? { firstBroken: broken } : {}),
      latestCheckpoint: latest
        ? { id: latest.id, seq: latest.seq, hash: latest.hash, at: latest.at }
        : null,
    };
  }
}
