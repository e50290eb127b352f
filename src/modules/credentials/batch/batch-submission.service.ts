import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../common/auth/principal.js';
import { AppError, type FieldError } from '../../../common/errors/app-error.js';
import { toFieldErrors } from '../../../common/validation/validation-pipe.js';
import { AuditService } from '../../audit/audit.service.js';
import { HoldersService } from '../../holders/holders.service.js';
import { sha256 } from '../credential-secrets.js';
import { IssueCredentialDto } from '../dto/issue-credential.dto.js';
import { IssuanceJob } from '../entities/issuance-job.entity.js';
import {
  CheckCache,
  IssuanceChecksService,
  type CheckedCredential,
} from '../services/issuance-checks.service.js';
import { VcEnvironmentService } from '../services/vc-environment.service.js';
import { MAX_BATCH_ROWS, rowsFromCsv, tooLarge } from './batch-csv.js';
import type { JobRowPayload } from './job-row-payload.js';

type IssuerPrincipal = Extract<Principal, { kind: 'issuer' }>;

// Enough to fix a file; a batch with more invalid rows says how many there are.
const MAX_REPORTED_ERRORS = 500;

export type BatchFormat = 'json' | 'csv';

/**
 * Accepts a batch: every row is checked as a single credential would be (fields, type, dates,
 * schema, accreditation) before anything is stored; then the holders are found or created and
 * the job and its rows stored in one transaction, for the runner to issue.
 */
@Injectable()
export class BatchSubmissionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly env: VcEnvironmentService,
    private readonly checks: IssuanceChecksService,
    private readonly holders: HoldersService,
    private readonly audit: AuditService,
  ) {}

  async submit(
    caller: IssuerPrincipal,
    body: unknown,
    format: BatchFormat,
  ): Promise<{ jobId: string; total: number }> {
    const items = format === 'csv' ? this.csvRows(body) : body;
    if (!Array.isArray(items)) {
      throw new AppError('VALIDATION_FAILED', 'A JSON batch is an array of credentials.', {
        errors: [{ path: 'rows', message: 'must be an array' }],
      });
    }
    if (items.length === 0) {
      throw new AppError('INVALID_BATCH', 'The batch has no rows.', {
        errors: [{ path: 'rows', message: 'must hold at least one row' }],
      });
    }
    if (items.length > MAX_BATCH_ROWS) throw tooLarge();
    const rows = await this.checkRows(caller, items);
    return this.store(caller, rows, sha256(format === 'csv' ? String(body) : JSON.stringify(body)));
  }

  private csvRows(body: unknown): unknown[] {
    if (typeof body !== 'string') {
      throw new AppError('VALIDATION_FAILED', 'A CSV batch is sent as text/csv.', {
        errors: [{ path: 'rows', message: 'must be CSV text' }],
      });
    }
    return rowsFromCsv(body, this.env.schemas.documents);
  }

  private async checkRows(
    caller: IssuerPrincipal,
    items: unknown[],
  ): Promise<{ dto: IssueCredentialDto; checked: CheckedCredential }[]> {
    const cache = new CheckCache();
    const errors: FieldError[] = [];
    let invalidRows = 0;
    const rows: { dto: IssueCredentialDto; checked: CheckedCredential }[] = [];
    for (const [i, item] of items.entries()) {
      const rowErrors = await this.checkRow(caller, item, cache).then(
        (row) => {
          rows.push(row);
          return [];
        },
        (error: unknown) => this.rowErrors(error, `rows.${i}`),
      );
      if (rowErrors.length > 0) invalidRows += 1;
      errors.push(...rowErrors.slice(0, MAX_REPORTED_ERRORS - errors.length));
    }
    if (invalidRows > 0) {
      throw new AppError(
        'INVALID_BATCH',
        `${invalidRows} of ${items.length} rows are invalid; nothing was issued.`,
        { errors },
      );
    }
    return rows;
  }

  private async checkRow(
    caller: IssuerPrincipal,
    item: unknown,
    cache: CheckCache,
  ): Promise<{ dto: IssueCredentialDto; checked: CheckedCredential }> {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new AppError('VALIDATION_FAILED', 'A row is a JSON object.', {
        errors: [{ path: '', message: 'must be an object' }],
      });
    }
    // The same validation the global pipe gives a single request.
    const dto = plainToInstance(IssueCredentialDto, item, { enableImplicitConversion: false });
    const invalid = validateSync(dto, {
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      validationError: { target: false, value: false },
    });
    if (invalid.length > 0) {
      throw new AppError('VALIDATION_FAILED', 'The row has invalid fields.', {
        errors: toFieldErrors(invalid),
      });
    }
    return { dto, checked: await this.checks.check(caller, dto, cache) };
  }

  private rowErrors(error: unknown, prefix: string): FieldError[] {
    if (!(error instanceof AppError)) throw error;
    const reason =
      typeof error.extensions.reason === 'string' ? ` (${error.extensions.reason})` : '';
    if (!error.errors?.length) return [{ path: prefix, message: `${error.detail}${reason}` }];
    return error.errors.map((e) => ({
      path: e.path ? `${prefix}.${e.path}` : prefix,
      message: e.message,
    }));
  }

  private async store(
    caller: IssuerPrincipal,
    rows: { dto: IssueCredentialDto; checked: CheckedCredential }[],
    bodyHash: string,
  ): Promise<{ jobId: string; total: number }> {
    const jobId = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      const holders = await this.holders.findOrCreateMany(
        manager,
        rows.map(({ dto }) => ({
          documents: dto.holder.documents,
          givenNames: dto.holder.givenNames,
          familyNames: dto.holder.familyNames,
        })),
      );
      await manager.insert(IssuanceJob, {
        id: jobId,
        issuerId: caller.issuerId,
        status: 'QUEUED',
        total: rows.length,
        done: 0,
        failed: 0,
        createdAt: new Date(),
        finishedAt: null,
      });
      // No document number goes into a row: the holder is already resolved.
      const payloads = rows.map(({ checked }, i): JobRowPayload => ({
        type: checked.type,
        format: checked.format,
        validFrom: checked.validFrom.toISOString(),
        validUntil: checked.validUntil?.toISOString(),
        credentialSubject: checked.credentialSubject,
        holderId: holders[i].holderId,
        identityDocumentId: holders[i].documentId,
      }));
      await manager.query(
        `INSERT INTO issuance_job_row (job_id, row_no, payload, status)
         SELECT $1, row_no - 1, payload::jsonb, 'PENDING'
         FROM unnest($2::text[]) WITH ORDINALITY AS r(payload, row_no)`,
        [jobId, payloads.map((payload) => JSON.stringify(payload))],
      );
      await this.audit.append(manager, {
        actor: `issuer:${caller.slug}`,
        action: 'issuance_job.created',
        subject: `issuance_job:${jobId}`,
        data: { total: rows.length, sha256: bodyHash },
      });
    });
    return { jobId, total: rows.length };
  }
}
