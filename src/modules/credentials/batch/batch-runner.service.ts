import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { sha256Hex } from '../../../common/crypto/index.js';
import { AppError } from '../../../common/errors/app-error.js';
import type { ErrorCode } from '../../../common/errors/error-codes.js';
import { InjectLogger } from '../../../common/logging/logging.module.js';
import type { AppConfig } from '../../../config/config.js';
import { InjectConfig } from '../../../config/config.module.js';
import type { SignerKey } from '../../../vc/keys.js';
import { SigningPoolError } from '../../../vc/signing-pool.js';
import { AuditService } from '../../audit/audit.service.js';
import { IssuerKeysService } from '../../registry/services/issuer-keys.service.js';
import { IssuersService, type Issuer } from '../../registry/services/issuers.service.js';
import { IssuanceService } from '../services/issuance.service.js';
import { securingOf } from '../services/open-badges.service.js';
import { credentialRow } from '../credential-rows.js';
import {
  ClaimCodeVault,
  hashClaimCode,
  newClaimCode,
  VerifyTokens,
} from '../credential-secrets.js';
import { SigningService, type SignedCredential } from '../services/signing.service.js';
import {
  statusListOwner,
  StatusListsService,
  StatusSlotTakenError,
  type StatusSlots,
} from '../services/status-lists.service.js';
import type { JobRowPayload } from './job-row-payload.js';
import { JobRowWriter, type RowToStore } from './job-row-writer.js';
import { subjectFacts } from '../../statistics/statistics-annex.js';
import { StatisticsRecordsService } from '../../statistics/statistics-records.service.js';

/** How the runner paces itself; the defaults suit the service, tests may shorten them. */
export interface BatchRunnerSettings {
  /** Rows claimed at once by a lane. */
  chunkRows: number;
  /** Lanes working at once: while one signs its chunk, others store or claim theirs. */
  lanes: number;
  /** Pause when there is no work. */
  idleMs: number;
  /** A claim older than this is another runner's to take (it crashed or hangs). */
  leaseSeconds: number;
  /** Claim codes not downloaded this long after their job finished are wiped. */
  claimCodeDays: number;
}

export const DEFAULT_RUNNER_SETTINGS: BatchRunnerSettings = {
  chunkRows: 64,
  lanes: 3,
  idleMs: 200,
  leaseSeconds: 60,
  claimCodeDays: 30,
};

const SWEEP_EVERY_MS = 10 * 60_000;

interface ClaimedRow {
  job_id: string;
  row_no: number;
  issuer_id: string;
  payload: JobRowPayload;
}

/** Leaves a row pending for a later attempt: the signing pool is closing. */
class RowDeferred extends Error {}

/**
 * Issues the rows of batch jobs in the background, on any replica: it claims a chunk of pending
 * rows (`FOR UPDATE SKIP LOCKED`, with a lease so that rows of a crashed runner are taken again),
 * signs them in the signing pool, and stores each credential in its own transaction that also
 * marks its row DONE — only if the row is still PENDING and claimed by this runner (see
 * JobRowWriter). So a row is issued at most once, and a row left pending by a crash is issued on
 * a later claim: none is lost.
 */
@Injectable()
export class BatchRunnerService implements OnApplicationBootstrap, OnModuleDestroy {
  readonly runnerId = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
  settings: BatchRunnerSettings = { ...DEFAULT_RUNNER_SETTINGS };
  private stopping = false;
  private lanes: Promise<void>[] = [];
  private readonly sleepers = new Set<() => void>();
  private readonly vault: ClaimCodeVault;
  private readonly verifyTokens: VerifyTokens;
  private lastSweep = 0;
  private readonly writer: JobRowWriter;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    @InjectLogger() private readonly logger: Logger,
    private readonly signing: SigningService,
    private readonly statusLists: StatusListsService,
    private readonly issuers: IssuersService,
    private readonly keys: IssuerKeysService,
    private readonly audit: AuditService,
    private readonly statistics: StatisticsRecordsService,
    private readonly issuance: IssuanceService,
  ) {
    this.vault = new ClaimCodeVault(config.secrets.KEY_ENCRYPTION_KEY);
    this.verifyTokens = new VerifyTokens(config.secrets.KEY_ENCRYPTION_KEY);
    this.writer = new JobRowWriter(dataSource);
  }

  async onApplicationBootstrap(): Promise<void> {
    // The embedded database belongs to this process alone (its data directory is locked), so
    // claims left in it were made by a process that is gone: resume those rows now.
    if (!this.config.databaseUrl) {
      await this.dataSource.query(
        `UPDATE issuance_job_row SET claimed_by = NULL, claimed_at = NULL
         WHERE status = 'PENDING' AND claimed_by IS NOT NULL`,
      );
    }
    this.start();
  }

  /** Starts the lanes (done at bootstrap). */
  start(): void {
    if (this.lanes.length > 0) return;
    this.stopping = false;
    this.lanes = Array.from({ length: this.settings.lanes }, () => this.lane());
  }

  /** Ends the idle pause of this process's lanes: a job was just queued. */
  wake(): void {
    for (const wake of this.sleepers) wake();
  }

  /** Lets the chunks in hand finish, then gives back the claims of rows not issued. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.wake();
    await Promise.all(this.lanes);
    this.lanes = [];
    await this.writer.close();
    await this.dataSource
      .query(
        `UPDATE issuance_job_row SET claimed_by = NULL, claimed_at = NULL
         WHERE claimed_by = $1 AND status = 'PENDING'`,
        [this.runnerId],
      )
      .catch((error: unknown) => this.logger.warn({ err: error }, 'Could not release claims'));
  }

  private async lane(): Promise<void> {
    while (!this.stopping) {
      let worked = false;
      try {
        worked = await this.tick();
      } catch (error) {
        this.logger.error({ err: error }, 'The batch runner failed a round; it will retry');
      }
      if (!worked && !this.stopping) await this.sleep(this.settings.idleMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  /** One round: claim a chunk and issue it; with nothing to claim, tidy up. */
  async tick(): Promise<boolean> {
    const rows = await this.claim();
    if (rows.length === 0) {
      await this.finishJobs();
      await this.sweepClaimCodes();
      return false;
    }
    try {
      await this.issueChunk(rows);
    } finally {
      await this.finishJobs([...new Set(rows.map((row) => row.job_id))]);
    }
    return true;
  }

  private claim(): Promise<ClaimedRow[]> {
    return this.dataSource.query<ClaimedRow[]>(
      // Oldest jobs first; within a job, the pending-rows index in row order.
      `WITH picked AS (
         SELECT r.job_id, r.row_no
         FROM (SELECT id FROM issuance_job WHERE status IN ('QUEUED', 'RUNNING')
               ORDER BY created_at LIMIT 20) j
         CROSS JOIN LATERAL (
           SELECT job_id, row_no FROM issuance_job_row
           WHERE job_id = j.id AND status = 'PENDING'
             AND (claimed_at IS NULL OR claimed_at < now() - make_interval(secs => $2))
           ORDER BY row_no
           LIMIT $3
           FOR UPDATE SKIP LOCKED
         ) r
         LIMIT $3
       ), claimed AS (
         UPDATE issuance_job_row r SET claimed_by = $1, claimed_at = now()
         FROM picked WHERE r.job_id = picked.job_id AND r.row_no = picked.row_no
         RETURNING r.job_id, r.row_no, r.payload
       ), started AS (
         UPDATE issuance_job SET status = 'RUNNING'
         WHERE id IN (SELECT job_id FROM claimed) AND status = 'QUEUED'
       )
       SELECT c.job_id, c.row_no, c.payload, j.issuer_id
       FROM claimed c JOIN issuance_job j ON j.id = c.job_id
       ORDER BY c.job_id, c.row_no`,
      [this.runnerId, this.settings.leaseSeconds, this.settings.chunkRows],
    );
  }

  private async issueChunk(rows: ClaimedRow[]): Promise<void> {
    const byIssuer = new Map<string, ClaimedRow[]>();
    for (const row of rows)
      byIssuer.set(row.issuer_id, [...(byIssuer.get(row.issuer_id) ?? []), row]);
    for (const [issuerId, group] of byIssuer) {
      const issuer = await this.issuers.requireById(issuerId);
      if (issuer.status !== 'ACTIVE') {
        const code = issuer.status === 'SUSPENDED' ? 'ISSUER_SUSPENDED' : 'ISSUER_CLOSED';
        await Promise.all(
          group.map((row) => this.failRow(row, code, `The issuer is ${issuer.status}.`)),
        );
        continue;
      }
      let signer: SignerKey;
      try {
        signer = await this.keys.signingKey(issuerId);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        await Promise.all(group.map((row) => this.failRow(row, error.code, error.detail)));
        continue;
      }
      const owner = statusListOwner(issuerId, signer);
      const revocations = await this.statusLists.reserve(owner, 'revocation', group.length);
      const suspensions = await this.statusLists.reserve(owner, 'suspension', group.length);
      const results = await Promise.allSettled(
        group.map((row, i) =>
          this.issueRow(issuer, signer, row, {
            revocation: revocations[i],
            suspension: suspensions[i],
          }),
        ),
      );
      const failure = results.find((result) => result.status === 'rejected');
      if (failure) {
        // Left pending: give the claims back so that they are tried again soon.
        await this.dataSource.query(
          `UPDATE issuance_job_row SET claimed_by = NULL, claimed_at = NULL
           WHERE claimed_by = $1 AND status = 'PENDING' AND job_id = ANY($2::uuid[])`,
          [this.runnerId, [...new Set(group.map((row) => row.job_id))]],
        );
        if (!(failure.reason instanceof RowDeferred)) throw failure.reason;
      }
    }
  }

  private issueRow(
    issuer: Issuer,
    signer: SignerKey,
    row: ClaimedRow,
    reserved: StatusSlots,
  ): Promise<void> {
    const payload = row.payload;
    return this.statusLists.withStatusSlots(
      statusListOwner(issuer.id, signer),
      async (slots) => {
        const id = randomUUID();
        let signed: SignedCredential;
        try {
          const compose = await this.issuance.composerFor(issuer, {
            type: payload.type,
            format: payload.format,
            validFrom: new Date(payload.validFrom),
            validUntil: payload.validUntil ? new Date(payload.validUntil) : undefined,
            credentialSubject: payload.credentialSubject,
          });
          signed = await this.signing.sign(
            securingOf(payload.format),
            compose(id, slots.revocation, slots.suspension),
            signer,
          );
        } catch (error) {
          if (error instanceof SigningPoolError) throw new RowDeferred(error.message);
          if (error instanceof AppError) {
            await this.failRow(row, error.code, error.detail);
            return;
          }
          const message = error instanceof Error ? error.message : String(error);
          await this.failRow(
            row,
            'INTERNAL_ERROR',
            `The credential could not be signed: ${message}`,
          );
          return;
        }
        const outcome = await this.writer.store(this.rowToStore(row, id, signed, slots));
        // Another replica stored a credential in one of these slots: sign again with others.
        if (outcome === 'conflict') {
          throw new StatusSlotTakenError(`Row ${row.row_no}: a status slot was taken meanwhile`);
        }
        if (outcome === 'stored') await this.recordStatistics(issuer, row, id);
      },
      reserved,
    );
  }

  /**
   * The row's statistics record, after its credential is stored: in a transaction of its own,
   * since the writer's is a prepared message; a crash in between leaves one certification
   * uncounted, never one counted twice or without its credential.
   */
  private async recordStatistics(issuer: Issuer, row: ClaimedRow, id: string): Promise<void> {
    const { payload } = row;
    await this.statistics.record(this.dataSource.manager, [
      {
        facts: {
          holderId: payload.holderId,
          credentialId: id,
          issuerSlug: issuer.slug,
          issuerCountry: issuer.country,
          credentialType: payload.type,
          issuedAt: new Date(payload.validFrom),
          ...subjectFacts(payload.credentialSubject),
        },
        annex: payload.statistics,
      },
    ]);
  }

  /** The row's credential record and its sealed claim code: what the writer stores. */
  private rowToStore(
    row: ClaimedRow,
    id: string,
    signed: SignedCredential,
    slots: StatusSlots,
  ): RowToStore {
    const claimCode = newClaimCode();
    const record = credentialRow({
      id,
      issuerId: row.issuer_id,
      holder: {
        holderId: row.payload.holderId,
        identityDocumentId: row.payload.identityDocumentId,
        claimCodeHash: hashClaimCode(claimCode),
      },
      type: row.payload.type,
      signed,
      validFrom: new Date(row.payload.validFrom),
      validUntil: row.payload.validUntil ? new Date(row.payload.validUntil) : undefined,
      credentialSubject: row.payload.credentialSubject,
      ...slots,
      verifyTokenHash: sha256Hex(this.verifyTokens.forCredential(id)),
    });
    return {
      jobId: row.job_id,
      rowNo: row.row_no,
      runnerId: this.runnerId,
      record,
      sealedClaimCode: this.vault.seal(claimCode, row.job_id, row.row_no),
    };
  }

  private async failRow(row: ClaimedRow, code: ErrorCode, message: string): Promise<void> {
    await this.dataSource.query(
      `WITH settled AS (
         UPDATE issuance_job_row
         SET status = 'FAILED', error_code = $1, error_message = $2, payload = NULL
         WHERE job_id = $3 AND row_no = $4 AND status = 'PENDING' AND claimed_by = $5
         RETURNING job_id
       )
       UPDATE issuance_job SET failed = failed + 1
       WHERE id = $3 AND EXISTS (SELECT 1 FROM settled)`,
      [code, message, row.job_id, row.row_no, this.runnerId],
    );
  }

  /**
   * Closes the jobs whose rows are all settled — DONE if any credential was issued, FAILED if none
   * — and records each in the audit log with a digest of its credentials, once.
   */
  private async finishJobs(jobIds?: string[]): Promise<void> {
    const settled = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM issuance_job j
       WHERE status IN ('QUEUED', 'RUNNING') AND ($1::uuid[] IS NULL OR id = ANY($1::uuid[]))
         AND NOT EXISTS (SELECT 1 FROM issuance_job_row r
                         WHERE r.job_id = j.id AND r.status = 'PENDING')`,
      [jobIds ?? null],
    );
    for (const { id } of settled) {
      await this.dataSource.transaction(async (manager) => {
        const [finished] = await manager.query<
          [{ status: string; total: number; done: number; failed: number; slug: string }[], number]
        >(
          `WITH counted AS (
             SELECT count(*) FILTER (WHERE status = 'DONE')::int AS done,
                    count(*) FILTER (WHERE status = 'PENDING')::int AS pending
             FROM issuance_job_row WHERE job_id = $1
           )
           UPDATE issuance_job j
           SET done = counted.done, finished_at = now(),
               status = CASE WHEN counted.done > 0 THEN 'DONE' ELSE 'FAILED' END
           FROM issuer i, counted
           WHERE j.id = $1 AND i.id = j.issuer_id
             AND j.status IN ('QUEUED', 'RUNNING') AND counted.pending = 0
           RETURNING j.status, j.total, j.done, j.failed, i.slug`,
          [id],
        );
        const [job] = finished;
        if (!job) return;
        const credentials = await manager.query<
          { row_no: number; credential_id: string | null; sha256: string | null }[]
        >(
          `SELECT r.row_no, r.credential_id, c.sha256 FROM issuance_job_row r
           LEFT JOIN credential c ON c.id = r.credential_id
           WHERE r.job_id = $1 ORDER BY r.row_no`,
          [id],
        );
        const lines = credentials.map(
          (c) => `${c.row_no} ${c.credential_id ?? '-'} ${c.sha256 ?? '-'}`,
        );
        await this.audit.append(manager, {
          actor: `issuer:${job.slug}`,
          action: 'issuance_job.finished',
          subject: `issuance_job:${id}`,
          data: {
            status: job.status,
            total: job.total,
            done: job.done,
            failed: job.failed,
            credentialsSha256: sha256Hex(lines.join('\n')),
          },
        });
        this.logger.info({ jobId: id, ...job }, 'Batch issuance job finished');
      });
    }
  }

  private async sweepClaimCodes(): Promise<void> {
    if (Date.now() - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = Date.now();
    await this.dataSource.query(
      `UPDATE issuance_job_row SET sealed_claim_code = NULL
       WHERE sealed_claim_code IS NOT NULL AND job_id IN (
         SELECT id FROM issuance_job WHERE finished_at < now() - make_interval(days => $1))`,
      [this.settings.claimCodeDays],
    );
  }
}
