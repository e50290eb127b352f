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
import type { IssuanceJobDto, JobCredentialsDto } from '../dto/batch.dto.js';
import { IssuanceJob } from '../entities/issuance-job.entity.js';
import { IssuanceJobRow } from '../entities/issuance-job-row.entity.js';
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
}
