import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../common/auth/principal.js';
import { AppError } from '../../../common/errors/app-error.js';
import { isUuid } from '../../../common/validation/uuid.js';
import type { AppConfig } from '../../../config/config.js';
import { InjectConfig } from '../../../config/config.module.js';
import { AuditService } from '../../audit/audit.service.js';
import { ClaimCodeVault, VerifyTokens } from '../credential-secrets.js';
import type {
  IssuanceJobDto,
  JobCredentialsDto,
  ReissuedJobClaimCodesDto,
} from '../dto/batch.dto.js';
import { IssuanceJob } from '../entities/issuance-job.entity.js';
import { IssuanceJobRow } from '../entities/issuance-job-row.entity.js';
import { CredentialRecordsService } from '../services/credential-records.service.js';
import {
  findIdempotentAnswer,
  idempotencyRequestHash,
  isIdempotencyRace,
  saveIdempotentAnswer,
} from '../services/idempotency-records.js';
import { VcEnvironmentService } from '../services/vc-environment.service.js';

type IssuerPrincipal = Extract<Principal, { kind: 'issuer' }>;

// A job with thousands of failed rows says so in `failed`; the list shows the first ones.
const MAX_LISTED_ERRORS = 1000;

/** An issuer's view of its batch jobs: progress, errors, and the issued credentials once. */
@Injectable()
export class IssuanceJobsService {
  private readonly vault: ClaimCodeVault;
  private readonly verifyTokens: VerifyTokens;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() config: AppConfig,
    private readonly env: VcEnvironmentService,
    private readonly audit: AuditService,
    private readonly records: CredentialRecordsService,
  ) {
    this.vault = new ClaimCodeVault(config.secrets.KEY_ENCRYPTION_KEY);
    this.verifyTokens = new VerifyTokens(config.secrets.KEY_ENCRYPTION_KEY);
  }

  /** Another issuer's job is answered as unknown: 404. */
  private async requireOwn(issuerId: string, id: string): Promise<IssuanceJob> {
    const job = isUuid(id)
      ? await this.dataSource.getRepository(IssuanceJob).findOne({ where: { id, issuerId } })
      : null;
    if (!job) throw new AppError('NOT_FOUND', 'No such issuance job.');
    return job;
  }

  async get(caller: IssuerPrincipal, id: string): Promise<IssuanceJobDto> {
    const job = await this.requireOwn(caller.issuerId, id);
    const { done, failed } = job.finishedAt === null ? await this.progress(job) : job;
    const failedRows = await this.dataSource.getRepository(IssuanceJobRow).find({
      select: { rowNo: true, errorCode: true, errorMessage: true },
      where: { jobId: job.id, status: 'FAILED' },
      order: { rowNo: 'ASC' },
      take: MAX_LISTED_ERRORS,
    });
    return {
      id: job.id,
      status: job.status,
      total: job.total,
      done,
      failed,
      createdAt: job.createdAt,
      finishedAt: job.finishedAt,
      errors: failedRows.map((row) => ({
        row: row.rowNo,
        code: row.errorCode ?? 'INTERNAL_ERROR',
        message: row.errorMessage ?? '',
      })),
    };
  }

  /** A running job's counts: its `done` is only counted when it finishes (see IssuanceJob). */
  private async progress(job: IssuanceJob): Promise<{ done: number; failed: number }> {
    // One statement, so that both counts are of the same moment.
    const [{ failed, pending }] = await this.dataSource.query<
      { failed: number; pending: number }[]
    >(
      `SELECT failed, (SELECT count(*)::int FROM issuance_job_row r
                       WHERE r.job_id = j.id AND r.status = 'PENDING') AS pending
       FROM issuance_job j WHERE id = $1`,
      [job.id],
    );
    return { done: job.total - failed - pending, failed };
  }

  /**
   * The credentials issued so far, each with its verify link and — in the first answer that
   * includes it only — its claim code, which is then wiped from the registry (where it was kept
   * sealed). The issuer prints the codes for the holders; the registry keeps only their hashes.
   */
  async credentials(caller: IssuerPrincipal, id: string): Promise<JobCredentialsDto> {
    const job = await this.requireOwn(caller.issuerId, id);
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<
        { row_no: number; credential_id: string; sealed_claim_code: string | null }[]
      >(
        `SELECT row_no, credential_id, sealed_claim_code FROM issuance_job_row
         WHERE job_id = $1 AND status = 'DONE' ORDER BY row_no FOR UPDATE`,
        [job.id],
      );
      const released = rows.filter((row) => row.sealed_claim_code !== null).length;
      if (released > 0) {
        await manager.query(
          `UPDATE issuance_job_row SET sealed_claim_code = NULL
           WHERE job_id = $1 AND status = 'DONE' AND sealed_claim_code IS NOT NULL`,
          [job.id],
        );
        await this.audit.append(manager, {
          actor: `issuer:${caller.slug}`,
          action: 'issuance_job.claim_codes_released',
          subject: `issuance_job:${job.id}`,
          data: { count: released },
        });
      }
      return {
        jobId: job.id,
        status: job.status,
        claimCodesReleased: released,
        items: rows.map((row) => ({
          row: row.row_no,
          credentialId: row.credential_id,
          verifyUrl: this.env.verifyUrl(this.verifyTokens.forCredential(row.credential_id)),
          claimCode:
            row.sealed_claim_code === null
              ? null
              : this.vault.open(row.sealed_claim_code, job.id, row.row_no),
        })),
      };
    });
  }

  /**
   * New claim codes for the job's credentials still unclaimed and not revoked (a lost or
   * half-fetched download): the old codes stop working, each change is audited, and the new
   * codes are in this answer only. With an Idempotency-Key a retry gets the same answer (its
   * codes kept sealed for it) instead of replacing the codes again.
   */
  async reissueClaimCodes(
    caller: IssuerPrincipal,
    id: string,
    reason: string,
    idempotencyKey?: string,
  ): Promise<ReissuedJobClaimCodesDto> {
    const job = await this.requireOwn(caller.issuerId, id);
    const requestHash = idempotencyRequestHash(`claim-codes:${job.id}`, { reason });
    const replay = async () => {
      if (!idempotencyKey) return undefined;
      const answer = await findIdempotentAnswer(
        this.dataSource.manager,
        caller.issuerId,
        idempotencyKey,
        requestHash,
      );
      return answer && this.openReplay(answer, caller.issuerId, idempotencyKey);
    };
    const previous = await replay();
    if (previous) return previous;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const items = await this.records.reissueJobClaimCodes(
          manager,
          job.id,
          reason,
          `issuer:${caller.slug}`,
        );
        const answer = { jobId: job.id, reissued: items.length, items };
        if (idempotencyKey) {
          await saveIdempotentAnswer(
            manager,
            { issuerId: caller.issuerId, key: idempotencyKey, requestHash, statusCode: 201 },
            this.sealReplay(answer, caller.issuerId, idempotencyKey),
          );
        }
        return answer;
      });
    } catch (error) {
      // A concurrent call with the same key committed first (ours rolled back): answer as it did.
      const winner = isIdempotencyRace(error) ? await replay() : undefined;
      if (!winner) throw error;
      return winner;
    }
  }

  /** The answer kept for replays: the codes sealed together, bound to the issuer and key. */
  private sealReplay(
    answer: ReissuedJobClaimCodesDto,
    issuerId: string,
    key: string,
  ): Record<string, unknown> {
    const codes = JSON.stringify(answer.items.map((item) => item.claimCode));
    return {
      ...answer,
      items: answer.items.map(({ row, credentialId }) => ({ row, credentialId })),
      sealedClaimCodes: this.vault.sealForReplay(codes, issuerId, key),
    };
  }

  private openReplay(
    stored: Record<string, unknown>,
    issuerId: string,
    key: string,
  ): ReissuedJobClaimCodesDto {
    const { jobId, reissued, items, sealedClaimCodes } = stored as {
      jobId: string;
      reissued: number;
      items: { row: number; credentialId: string }[];
      sealedClaimCodes: string;
    };
    const codes = JSON.parse(this.vault.openForReplay(sealedClaimCodes, issuerId, key)) as string[];
    return {
      jobId,
      reissued,
      items: items.map((item, i) => ({ ...item, claimCode: codes[i] })),
    };
  }
}
