import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { DataSource, LessThan, MoreThan, type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error.js';
import { InjectLogger } from '../../common/logging/logging.module.js';
import type { AppConfig } from '../../config/config.js';
import { InjectConfig } from '../../config/config.module.js';
import { createDocumentLoader, type DocumentLoader } from '../../vc/document-loader.js';
import { issueDataIntegrity, VC_V2_CONTEXT_URL, xsdDateTime } from '../../vc/issue.js';
import { readOurContext } from '../../vc/schemas.js';
import { AuditCheckpoint } from './audit-checkpoint.entity.js';
import { findBreak, GENESIS_HASH } from './audit-chain.js';
import { AuditEvent } from './audit-event.entity.js';
import { AuditService } from './audit.service.js';
import { AuditSigningKeyService } from './audit-signing-key.service.js';

// Serialises checkpoints across replicas (not appends: those take their own lock).
const CHECKPOINT_LOCK_ID = 7_305_121_964;
const SEGMENT_BATCH = 1_000;
const SCHEMAS_DIR = resolve(import.meta.dirname, '../../../schemas');
// The checkpoint's terms, inline so that the credential needs no context beyond VC 2.0.
const CHECKPOINT_CONTEXT = {
  '@protected': true,
  AuditCheckpointCredential: 'urn:reconoce:vocab#AuditCheckpointCredential',
  AuditCheckpoint: 'urn:reconoce:vocab#AuditCheckpoint',
  auditLog: { '@id': 'urn:reconoce:vocab#auditLog', '@type': '@id' },
  sequence: 'urn:reconoce:vocab#auditSequence',
  hash: 'urn:reconoce:vocab#auditHash',
};

export type CheckpointTrigger = 'interval' | 'admin';

/**
 * Signs checkpoints of the audit chain — its newest sequence number and hash, at a time — at a
 * fixed interval (AUDIT_CHECKPOINT_EVERY_SECONDS) and on demand, each also as a credential
 * signed with the registry's DID (decision 0006). A checkpoint is signed only after the entries
 * since the previous one were checked, so it never vouches for a broken chain.
 */
@Injectable()
export class AuditCheckpointsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly documentLoader: DocumentLoader;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    @InjectLogger() private readonly logger: Logger,
    private readonly key: AuditSigningKeyService,
    private readonly audit: AuditService,
  ) {
    this.documentLoader = createDocumentLoader({
      ourContextUrl: `${config.publicBaseUrl}/contexts/v1`,
      ourContext: readOurContext(SCHEMAS_DIR),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.key.ensureKey();
    const intervalMs = this.config.auditCheckpointIntervalMs;
    if (intervalMs > 0) {
      this.timer = setInterval(() => {
        this.running = this.checkpoint('interval').catch((error: unknown) =>
          this.logger.error({ err: error }, 'Could not sign an audit checkpoint'),
        );
      }, intervalMs);
      this.timer.unref();
    }
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /**
   * Signs a checkpoint of the chain's head. On the interval nothing is signed when the head has
   * not moved since the last checkpoint; on demand a new one is always signed.
   *
   * @throws AppError AUDIT_CHAIN_BROKEN when the entries since the last checkpoint do not check.
   */
  checkpoint(trigger: 'admin'): Promise<AuditCheckpoint>;
  checkpoint(trigger: CheckpointTrigger): Promise<AuditCheckpoint | undefined>;
  async checkpoint(trigger: CheckpointTrigger): Promise<AuditCheckpoint | undefined> {
    // Every entry committed so far is in the chain the checkpoint signs.
    await this.audit.chain();
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [CHECKPOINT_LOCK_ID]);
      const [head] = await manager.find(AuditEvent, { order: { seq: 'DESC' }, take: 1 });
      const [last] = await manager.find(AuditCheckpoint, { order: { id: 'DESC' }, take: 1 });
      const headSeq = head?.seq ?? '0';
      if (trigger === 'interval' && last?.seq === headSeq) return undefined;
      await this.assertSegmentIntact(manager, last, headSeq);
      const at = new Date();
      const hash = head?.hash ?? GENESIS_HASH;
      const credential = await issueDataIntegrity({
        credential: {
          '@context': [VC_V2_CONTEXT_URL, CHECKPOINT_CONTEXT],
          type: ['VerifiableCredential', 'AuditCheckpointCredential'],
          issuer: this.key.did,
          validFrom: xsdDateTime(at),
          credentialSubject: {
            type: 'AuditCheckpoint',
            auditLog: `${this.config.publicBaseUrl}/admin/audit`,
            sequence: headSeq,
            hash,
          },
        },
        signer: await this.key.signerKey(),
        documentLoader: this.documentLoader,
        now: at,
      });
      return manager.save(
        AuditCheckpoint,
        manager.create(AuditCheckpoint, { seq: headSeq, hash, at, credential }),
      );
    });
  }

  /** Checkpoints, newest first, before the checkpoint `before` (all when omitted). */
  list(before: string | undefined, limit: number): Promise<AuditCheckpoint[]> {
    return this.dataSource.getRepository(AuditCheckpoint).find({
      where: before === undefined ? {} : { id: LessThan(before) },
      order: { id: 'DESC' },
      take: limit,
    });
  }

  // The entry the last checkpoint named must still be there with its hash, and every entry up to
  // the head must link to it.
  private async assertSegmentIntact(
    manager: EntityManager,
    last: AuditCheckpoint | undefined,
    headSeq: string,
  ): Promise<void> {
    let previous = { seq: last?.seq ?? '0', hash: last?.hash ?? GENESIS_HASH };
    if (BigInt(headSeq) < BigInt(previous.seq)) {
      throw this.broken(`The chain ends at ${headSeq}, before checkpoint ${previous.seq}.`);
    }
    if (previous.seq !== '0') {
      const named = await manager.findOneBy(AuditEvent, { seq: previous.seq });
      if (named?.hash !== previous.hash) {
        throw this.broken(`Entry ${previous.seq} no longer matches the last checkpoint.`);
      }
    }
    while (BigInt(previous.seq) < BigInt(headSeq)) {
      const batch = await manager.find(AuditEvent, {
        where: { seq: MoreThan(previous.seq) },
        order: { seq: 'ASC' },
        take: SEGMENT_BATCH,
      });
      if (batch.length === 0) break;
      const broken = findBreak(batch, previous);
      if (broken) throw this.broken(`Entry ${broken.seq}: ${broken.reason}.`);
      previous = batch[batch.length - 1];
    }
  }

  private broken(detail: string): AppError {
    return new AppError('AUDIT_CHAIN_BROKEN', `No checkpoint signed: ${detail}`);
  }
}
