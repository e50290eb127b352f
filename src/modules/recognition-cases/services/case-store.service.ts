import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AppError } from '../../../common/errors/app-error.js';
import { isUuid } from '../../../common/validation/uuid.js';
import { AuditService } from '../../audit/audit.service.js';
import { HolderErasureHooks } from '../../holders/services/holder-erasure-hooks.service.js';
import { IssuersService } from '../../registry/services/issuers.service.js';
import type { CheckedFile } from '../case-files.js';
import { assertMove, clockAfter, type CaseActor } from '../case-lifecycle.js';
import { caseView, type CaseView } from '../case-views.js';
import { RecognitionCaseFile } from '../entities/recognition-case-file.entity.js';
import { RecognitionCaseMessage } from '../entities/recognition-case-message.entity.js';
import { RecognitionCase } from '../entities/recognition-case.entity.js';
import { procedureRulesOf, type ProcedureRules } from '../procedure-rules.js';
import type { CaseStatus } from '../recognition-cases.constants.js';
import { authorityView } from './competent-authorities.service.js';

/** Who may see a case: its holder or its authority; anyone else gets the same 404. */
export type CaseOwner = { holderId: string } | { authorityId: string };

export interface CaseMove {
  to: CaseStatus;
  actor: CaseActor;
  /** The audit actor: `holder:<id>` or `issuer:<slug>`. */
  auditActor: string;
  message?: { kind: string; body: string; files: CheckedFile[] };
  /** Further changes to the row, written with the move. */
  changes?: Partial<RecognitionCase>;
}

export const rulesOf = (row: RecognitionCase): ProcedureRules => {
  const rules = procedureRulesOf(row.destinationCountry);
  if (!rules) throw new TypeError(`No procedure rules for ${row.destinationCountry}`);
  return rules;
};

/**
 * The cases' rows for both sides: loading a case for the one who may see it, its view, and every
 * move of its lifecycle with its message, files and audit entry in one transaction.
 */
@Injectable()
export class CaseStoreService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly issuers: IssuersService,
    private readonly audit: AuditService,
    private readonly erasureHooks: HolderErasureHooks,
  ) {}

  onModuleInit(): void {
    this.erasureHooks.register('caseFilesDeleted', (manager, holderId) =>
      this.eraseHolderFiles(manager, holderId),
    );
  }

  async require(owner: CaseOwner, id: string, manager?: EntityManager): Promise<RecognitionCase> {
    const repo = (manager ?? this.dataSource.manager).getRepository(RecognitionCase);
    const row = isUuid(id)
      ? await repo.findOne({
          where: { id, ...owner },
          ...(manager ? { lock: { mode: 'pessimistic_write' as const } } : {}),
        })
      : null;
    if (!row) throw new AppError('NOT_FOUND', `No case ${id}.`);
    return row;
  }

  async views(rows: RecognitionCase[], now = new Date()): Promise<CaseView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const [messages, files, authorities] = await Promise.all([
      this.dataSource.getRepository(RecognitionCaseMessage).find({
        where: { caseId: In(ids) },
        order: { createdAt: 'ASC' },
      }),
      this.dataSource.getRepository(RecognitionCaseFile).find({
        where: { caseId: In(ids) },
        select: {
          id: true,
          caseId: true,
          messageId: true,
          filename: true,
          contentType: true,
          size: true,
          sha256: true,
        },
        order: { createdAt: 'ASC' },
      }),
      this.issuers.byIds(rows.map((row) => row.authorityId)),
    ]);
    return rows.map((row) =>
      caseView({
        row,
        rules: rulesOf(row),
        authority: authorityView(authorities.get(row.authorityId)!),
        messages: messages.filter((m) => m.caseId === row.id),
        files: files.filter((f) => f.caseId === row.id),
        now,
      }),
    );
  }

  async view(row: RecognitionCase): Promise<CaseView> {
    const [view] = await this.views([row]);
    return view;
  }

  /** A new case, its first message and files, audited. */
  async insert(
    row: Omit<RecognitionCase, 'id'>,
    auditActor: string,
    message: { body: string; files: CheckedFile[] } | null,
  ): Promise<RecognitionCase> {
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(RecognitionCase, manager.create(RecognitionCase, row));
      if (message)
        await this.addMessage(manager, saved, 'HOLDER', { kind: 'STATEMENT', ...message });
      await this.audit.append(manager, {
        actor: auditActor,
        action: 'case.submitted',
        subject: `case:${saved.id}`,
        data: {
          authorityId: row.authorityId,
          destinationCountry: row.destinationCountry,
          route: row.route,
          legalisation: row.legalisation,
          files: message?.files.length ?? 0,
        },
      });
      return saved;
    });
  }

  /** A lifecycle move, checked against the lifecycle, with the clock, message and audit entry. */
  async move(owner: CaseOwner, id: string, move: CaseMove): Promise<RecognitionCase> {
    return this.dataSource.transaction((manager) => this.moveIn(manager, owner, id, move));
  }

  async moveIn(
    manager: EntityManager,
    owner: CaseOwner,
    id: string,
    move: CaseMove,
  ): Promise<RecognitionCase> {
    const row = await this.require(owner, id, manager);
    assertMove(row.status, move.to, move.actor);
    const now = new Date();
    const clock = clockAfter(
      rulesOf(row),
      { termDays: row.termDays, runningSince: row.clockSince, daysUsed: row.daysUsed },
      move.to,
      now,
    );
    const from = row.status;
    Object.assign(row, move.changes ?? {}, {
      status: move.to,
      clockSince: clock.runningSince,
      daysUsed: clock.daysUsed,
      updatedAt: now,
      closedAt: move.to === 'DECIDED' || move.to === 'WITHDRAWN' ? now : row.closedAt,
    });
    await manager.save(RecognitionCase, row);
    if (move.message) await this.addMessage(manager, row, move.actor, move.message);
    await this.audit.append(manager, {
      actor: move.auditActor,
      action: `case.${move.to.toLowerCase()}`,
      subject: `case:${row.id}`,
      data: { from, to: move.to, files: move.message?.files.length ?? 0 },
    });
    return row;
  }

  /** A file of a case its holder or authority may see. */
  async file(owner: CaseOwner, caseId: string, fileId: string): Promise<RecognitionCaseFile> {
    await this.require(owner, caseId);
    const file = isUuid(fileId)
      ? await this.dataSource.getRepository(RecognitionCaseFile).findOneBy({ id: fileId, caseId })
      : null;
    if (!file) throw new AppError('NOT_FOUND', `No file ${fileId}.`);
    return file;
  }

  private async addMessage(
    manager: EntityManager,
    row: RecognitionCase,
    author: CaseActor,
    message: { kind: string; body: string; files: CheckedFile[] },
  ): Promise<void> {
    const createdAt = new Date();
    const saved = await manager.save(
      RecognitionCaseMessage,
      manager.create(RecognitionCaseMessage, {
        caseId: row.id,
        author,
        kind: message.kind,
        body: message.body,
        createdAt,
      }),
    );
    for (const file of message.files) {
      await manager.insert(RecognitionCaseFile, {
        caseId: row.id,
        messageId: saved.id,
        ...file,
        createdAt,
      });
    }
  }

  /** Erasure: the holder's supporting files go, and their own messages are blanked. */
  private async eraseHolderFiles(manager: EntityManager, holderId: string): Promise<number> {
    const cases = await manager.find(RecognitionCase, {
      where: { holderId },
      select: { id: true },
    });
    if (cases.length === 0) return 0;
    const caseIds = cases.map((c) => c.id);
    const deleted = await manager.delete(RecognitionCaseFile, { caseId: In(caseIds) });
    await manager.update(
      RecognitionCaseMessage,
      { caseId: In(caseIds), author: 'HOLDER' },
      { body: '' },
    );
    return deleted.affected ?? 0;
  }
}
