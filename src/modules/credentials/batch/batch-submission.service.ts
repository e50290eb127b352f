import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../../../common/auth/principal.js';
import { sha256Hex } from '../../../common/crypto/index.js';
import { AppError, type FieldError } from '../../../common/errors/app-error.js';
import { toFieldErrors } from '../../../common/validation/validation-pipe.js';
import { AuditService } from '../../audit/audit.service.js';
import { HolderIdentityService } from '../../holder-identity/holder-identity.service.js';
import { IssueCredentialDto } from '../dto/issue-credential.dto.js';
import { IssuanceJob } from '../entities/issuance-job.entity.js';
import {
  CheckCache,
  IssuanceChecksService,
  type CheckedCredential,
} from '../services/issuance-checks.service.js';
import { VcEnvironmentService } from '../services/vc-environment.service.js';
import { MAX_BATCH_ROWS, rowsFromCsv, tooLarge } from './batch-csv.js';
import { BatchRunnerService } from './batch-runner.service.js';
import type { JobRowPayload } from './job-row-payload.js';

type IssuerPrincipal = Extract<Principal, { kind: 'issuer' }>;

interface CheckedRow {
  dto: IssueCredentialDto;
  checked: CheckedCredential;
}

// Enough to fix a file; a batch with more invalid rows says how many there are.
const MAX_REPORTED_ERRORS = 500;
// Rows checked, then stored, at a time.
const CHUNK_ROWS = 200;
const YIELD_EVERY_ROWS = 25;

export type BatchFormat = 'json' | 'csv';

/**
 * Accepts a batch: every row is checked as a single credential would be (fields, type, dates,
 * schema, accreditation), and the job, its rows and their holders (found or created) are stored
 * in one transaction, for the runner to issue; a batch with an invalid row is refused whole.
 *
 * Rows are checked a chunk at a time in the transaction, and each valid chunk is stored while
 * the next one is checked, so that the database and the event loop work at once; after an
 * invalid row nothing more is stored, the rest is still checked so that the answer lists every
 * error, and the transaction is rolled back.
 */
@Injectable()
export class BatchSubmissionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly env: VcEnvironmentService,
    private readonly checks: IssuanceChecksService,
    private readonly holders: HolderIdentityService,
    private readonly audit: AuditService,
    private readonly runner: BatchRunnerService,
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
    const bodyHash = sha256Hex(format === 'csv' ? String(body) : JSON.stringify(body));
    const jobId = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(IssuanceJob, {
        id: jobId,
        issuerId: caller.issuerId,
        status: 'QUEUED',
        total: items.length,
        done: 0,
        failed: 0,
        createdAt: new Date(),
        finishedAt: null,
      });
      let stored: Promise<void> = Promise.resolve();
      try {
        for await (const { offset, rows } of this.checkedChunks(caller, items, manager)) {
          stored = stored.then(() => this.storeRows(manager, jobId, offset, rows));
          // Awaited below; until then, a failure must not count as unhandled.
          stored.catch(() => undefined);
        }
      } finally {
        // No query of this transaction may still run when it ends, refused batch or not.
        await stored.catch(() => undefined);
      }
      await stored;
      await this.audit.append(manager, {
        actor: `issuer:${caller.slug}`,
        action: 'issuance_job.created',
        subject: `issuance_job:${jobId}`,
        data: { total: items.length, sha256: bodyHash },
      });
    });
    this.runner.wake();
    return { jobId, total: items.length };
  }

  private csvRows(body: unknown): unknown[] {
    if (typeof body !== 'string') {
      throw new AppError('VALIDATION_FAILED', 'A CSV batch is sent as text/csv.', {
        errors: [{ path: 'rows', message: 'must be CSV text' }],
      });
    }
    return rowsFromCsv(body, this.env.schemas.documents);
  }

  /**
   * Checks the rows in order and yields them a chunk at a time while all are valid; throws
   * INVALID_BATCH, listing the errors of every row, once all are checked if any is invalid.
   */
  private async *checkedChunks(
    caller: IssuerPrincipal,
    items: unknown[],
    manager: EntityManager,
  ): AsyncGenerator<{ offset: number; rows: CheckedRow[] }> {
    const cache = new CheckCache(manager);
    const errors: FieldError[] = [];
    let invalidRows = 0;
    for (let offset = 0; offset < items.length; offset += CHUNK_ROWS) {
      const rows: CheckedRow[] = [];
      for (let i = offset; i < Math.min(offset + CHUNK_ROWS, items.length); i++) {
        const rowErrors = await this.checkRow(caller, items[i], cache).then(
          (row) => {
            rows.push(row);
            return [];
          },
          (error: unknown) => this.rowErrors(error, `rows.${i}`),
        );
        if (rowErrors.length > 0) invalidRows += 1;
        errors.push(...rowErrors.slice(0, MAX_REPORTED_ERRORS - errors.length));
        // Checking is work on the event loop: let it hear the database between rows.
        if (i % YIELD_EVERY_ROWS === YIELD_EVERY_ROWS - 1) await yieldToEventLoop();
      }
      if (invalidRows === 0) yield { offset, rows };
    }
    if (invalidRows > 0) {
      throw new AppError(
        'INVALID_BATCH',
        `${invalidRows} of ${items.length} rows are invalid; nothing was issued.`,
        { errors },
      );
    }
  }

  private async checkRow(
    caller: IssuerPrincipal,
    item: unknown,
    cache: CheckCache,
  ): Promise<CheckedRow> {
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

  /** Finds or creates the holders of checked rows and stores the rows, from row `offset` on. */
  private async storeRows(
    manager: EntityManager,
    jobId: string,
    offset: number,
    rows: CheckedRow[],
  ): Promise<void> {
    const holders = await this.holders.findOrCreateMany(
      manager,
      rows.map(({ dto }) => ({
        documents: dto.holder.documents,
        givenNames: dto.holder.givenNames,
        familyNames: dto.holder.familyNames,
      })),
    );
    // No document number goes into a row: the holder is already resolved.
    const payloads = rows.map(({ dto, checked }, i): JobRowPayload => ({
      type: checked.type,
      format: checked.format,
      validFrom: checked.validFrom.toISOString(),
      validUntil: checked.validUntil?.toISOString(),
      credentialSubject: checked.credentialSubject,
      holderId: holders[i].holderId,
      identityDocumentId: holders[i].documentId,
      statistics: dto.statistics ? { ...dto.statistics } : undefined,
    }));
    await manager.query(
      `INSERT INTO issuance_job_row (job_id, row_no, payload, status)
       SELECT $1, $2 + row_no - 1, payload::jsonb, 'PENDING'
       FROM unnest($3::text[]) WITH ORDINALITY AS r(payload, row_no)`,
      [jobId, offset, payloads.map((payload) => JSON.stringify(payload))],
    );
  }
}
