import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { AppError, type FieldError } from '../../../common/errors/app-error.js';
import { isUuid } from '../../../common/validation/uuid.js';
import { AuditService } from '../../audit/audit.service.js';
import { ReferenceService } from '../../reference/reference.service.js';
import type {
  CreateAgreementDto,
  CreateMappingDto,
  UpdateAgreementDto,
} from '../dto/agreement-input.dto.js';
import { AgreementDirection } from '../entities/agreement-direction.entity.js';
import { AgreementStatusChange } from '../entities/agreement-status-change.entity.js';
import { Agreement } from '../entities/agreement.entity.js';
import { EquivalenceMapping } from '../entities/equivalence-mapping.entity.js';
import { isHardCondition, type AgreementStatus } from '../recognition.constants.js';
import { agreementReferenceErrors, mappingReferenceErrors } from './agreement-references.js';

const TRANSITIONS: Record<AgreementStatus, AgreementStatus[]> = {
  IN_FORCE: ['SUSPENDED', 'TERMINATED'],
  SUSPENDED: ['IN_FORCE', 'TERMINATED'],
  TERMINATED: [],
};

/** An agreement with everything the public list and the engine show of it. */
export interface AgreementRecord {
  agreement: Agreement;
  directions: AgreementDirection[];
  history: AgreementStatusChange[];
  mappings: EquivalenceMapping[];
}

export interface StatusChangeInput {
  to: AgreementStatus;
  at: Date;
  reason: string;
}

/** A whole agreement in one go: the demo seed records agreements with their past. */
export interface AgreementImport {
  agreement: CreateAgreementDto;
  mappings?: CreateMappingDto[];
  /** When it was recorded as in force; defaults to now. */
  since?: Date;
  /** Later status changes, oldest first. */
  changes?: StatusChangeInput[];
}

const subject = (id: string) => `agreement:${id}`;

function invalid(errors: FieldError[], detail: string): AppError {
  return new AppError('INVALID_REFERENCE', detail, { errors });
}

/** Agreements, their directions, status history and mappings: the recognition module's tables. */
@Injectable()
export class AgreementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly reference: ReferenceService,
  ) {}

  async create(dto: CreateAgreementDto, actor: string): Promise<AgreementRecord> {
    return this.import({ agreement: dto }, actor);
  }

  /** Creates an agreement with its mappings and status history, in one transaction. */
  async import(input: AgreementImport, actor: string): Promise<AgreementRecord> {
    const dto = input.agreement;
    const errors = await agreementReferenceErrors(this.reference, dto);
    if (errors.length > 0) throw invalid(errors, 'The agreement names unknown references.');
    if (dto.validTo !== undefined && dto.validTo < dto.validFrom) {
      throw new AppError('INVALID_DATE_RANGE', 'validTo is before validFrom.', {
        errors: [{ path: 'validTo', message: 'must not be before validFrom' }],
      });
    }
    for (const [i, mapping] of (input.mappings ?? []).entries()) {
      const mappingErrors = await mappingReferenceErrors(this.reference, mapping, dto.directions);
      if (mappingErrors.length > 0) {
        throw invalid(
          mappingErrors.map((e) => ({ ...e, path: `mappings.${i}.${e.path}` })),
          'A mapping names unknown references.',
        );
      }
    }
    await this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(Agreement, { id: dto.id })) {
        throw new AppError('SLUG_TAKEN', 'An agreement with this id exists.');
      }
      await this.insertAgreement(manager, dto, actor);
      const since = input.since ?? new Date();
      await this.recordStatus(
        manager,
        dto.id,
        null,
        { to: 'IN_FORCE', at: since, reason: 'recorded in the registry' },
        actor,
      );
      let status: AgreementStatus = 'IN_FORCE';
      for (const change of input.changes ?? []) {
        await this.changeStatus(manager, dto.id, status, change, actor);
        status = change.to;
      }
      for (const mapping of input.mappings ?? []) {
        await this.insertMapping(manager, dto.id, mapping, actor);
      }
    });
    return this.get(dto.id);
  }

  async update(id: string, dto: UpdateAgreementDto, actor: string): Promise<AgreementRecord> {
    await this.dataSource.transaction(async (manager) => {
      const agreement = await this.lock(manager, id);
      const changes: Partial<Pick<Agreement, 'name' | 'legalInstrument' | 'mode' | 'validTo'>> = {};
      if (dto.name !== undefined) changes.name = dto.name;
      if (dto.legalInstrument !== undefined) changes.legalInstrument = dto.legalInstrument;
      if (dto.mode !== undefined) changes.mode = dto.mode;
      if (dto.validTo !== undefined) {
        if (dto.validTo !== null && dto.validTo < agreement.validFrom) {
          throw new AppError('INVALID_DATE_RANGE', 'An agreement cannot end before it starts.', {
            errors: [{ path: 'validTo', message: `must not be before ${agreement.validFrom}` }],
          });
        }
        changes.validTo = dto.validTo;
      }
      if (dto.status !== undefined) {
        await this.changeStatus(
          manager,
          id,
          agreement.status,
          { to: dto.status, at: new Date(), reason: dto.reason ?? '' },
          actor,
        );
      }
      if (Object.keys(changes).length === 0) return;
      await manager.update(Agreement, id, { ...changes, updatedAt: new Date() });
      await this.audit.append(manager, {
        actor,
        action: 'agreement.updated',
        subject: subject(id),
        data: { ...changes },
      });
    });
    return this.get(id);
  }

  async addMapping(
    agreementId: string,
    dto: CreateMappingDto,
    actor: string,
  ): Promise<EquivalenceMapping> {
    const record = await this.get(agreementId);
    const directions = record.directions.map((d) => ({
      origin: d.originCountry,
      destination: d.destinationCountry,
    }));
    const errors = await mappingReferenceErrors(this.reference, dto, directions);
    if (errors.length > 0) throw invalid(errors, 'The mapping names unknown references.');
    return this.dataSource.transaction(async (manager) => {
      await this.lock(manager, agreementId);
      return this.insertMapping(manager, agreementId, dto, actor);
    });
  }

  async removeMapping(agreementId: string, mappingId: string, actor: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.lock(manager, agreementId);
      const mapping = isUuid(mappingId)
        ? await manager.findOneBy(EquivalenceMapping, { id: mappingId, agreementId })
        : null;
      if (!mapping) {
        throw new AppError('NOT_FOUND', 'The agreement has no such mapping.');
      }
      await manager.delete(EquivalenceMapping, mapping.id);
      await manager.update(Agreement, agreementId, { updatedAt: new Date() });
      await this.audit.append(manager, {
        actor,
        action: 'agreement.mapping_removed',
        subject: subject(agreementId),
        data: { ...mapping },
      });
    });
  }

  exists(id: string): Promise<boolean> {
    return this.dataSource.getRepository(Agreement).existsBy({ id });
  }

  async get(id: string): Promise<AgreementRecord> {
    const agreement = await this.dataSource.getRepository(Agreement).findOneBy({ id });
    if (!agreement) throw new AppError('NOT_FOUND', 'There is no such agreement.');
    const [record] = await this.records([agreement]);
    return record;
  }

  /** Every agreement by id, or those with a direction into `destination`. */
  async list(filter: { destination?: string } = {}): Promise<AgreementRecord[]> {
    const query = this.dataSource.getRepository(Agreement).createQueryBuilder('agreement');
    if (filter.destination) {
      query.where(
        'EXISTS (SELECT 1 FROM agreement_direction d WHERE d.agreement_id = agreement.id AND d.destination_country = :destination)',
        { destination: filter.destination },
      );
    }
    return this.records(await query.orderBy('agreement.id', 'ASC').getMany());
  }

  /** Changes whenever any agreement or mapping changes: a key for cached answers. */
  async revision(): Promise<string> {
    const [row] = await this.dataSource.query<{ n: number; last: Date | null }[]>(
      'SELECT count(*)::int AS n, max(updated_at) AS last FROM agreement',
    );
    return `${row.n}:${row.last ? new Date(row.last).toISOString() : '-'}`;
  }

  private async records(agreements: Agreement[]): Promise<AgreementRecord[]> {
    const ids = agreements.map((agreement) => agreement.id);
    if (ids.length === 0) return [];
    const where = { agreementId: In(ids) };
    const [directions, history, mappings] = await Promise.all([
      this.dataSource
        .getRepository(AgreementDirection)
        .find({ where, order: { originCountry: 'ASC', destinationCountry: 'ASC' } }),
      this.dataSource.getRepository(AgreementStatusChange).find({ where, order: { at: 'ASC' } }),
      this.dataSource.getRepository(EquivalenceMapping).find({
        where,
        order: { originCountry: 'ASC', destinationCountry: 'ASC', createdAt: 'ASC', id: 'ASC' },
      }),
    ]);
    return agreements.map((agreement) => {
      const own = <T extends { agreementId: string }>(rows: T[]) =>
        rows.filter((row) => row.agreementId === agreement.id);
      return {
        agreement,
        directions: own(directions),
        history: own(history),
        mappings: own(mappings),
      };
    });
  }

  private async insertAgreement(
    manager: EntityManager,
    dto: CreateAgreementDto,
    actor: string,
  ): Promise<void> {
    const directions = [
      ...new Map(dto.directions.map((d) => [`${d.origin}>${d.destination}`, d])).values(),
    ];
    await manager.save(
      Agreement,
      manager.create(Agreement, {
        id: dto.id,
        name: dto.name,
        legalInstrument: dto.legalInstrument,
        kind: dto.kind,
        credentialTypes: [...new Set(dto.credentialTypes)],
        metaLevelMin: dto.metaLevelMin ?? null,
        metaLevelMax: dto.metaLevelMax ?? null,
        iscedFields: [...new Set(dto.iscedFields)],
        occupations: [...new Set(dto.occupations)],
        standards: [...new Set(dto.standards)],
        purposes: [...new Set(dto.purposes)],
        mode: dto.mode,
        acceptsDecisionsFrom: [...new Set(dto.acceptsDecisionsFrom)],
        conditions: dto.conditions.map((c) => ({
          code: c.code,
          hard: isHardCondition(c.code),
          params: c.params ?? {},
        })),
        fieldRestrictions: dto.fieldRestrictions.map((r) => ({
          iscedFields: r.iscedFields ?? [],
          occupations: r.occupations ?? [],
          purposes: r.purposes ?? [],
          condition: r.condition,
        })),
        equivalenceRule: dto.equivalenceRule ?? null,
        validFrom: dto.validFrom,
        validTo: dto.validTo ?? null,
        status: 'IN_FORCE',
      }),
    );
    await manager.insert(
      AgreementDirection,
      directions.map((d) => ({
        agreementId: dto.id,
        originCountry: d.origin,
        destinationCountry: d.destination,
      })),
    );
    await this.audit.append(manager, {
      actor,
      action: 'agreement.created',
      subject: subject(dto.id),
      data: { ...dto, directions },
    });
  }

  private async insertMapping(
    manager: EntityManager,
    agreementId: string,
    dto: CreateMappingDto,
    actor: string,
  ): Promise<EquivalenceMapping> {
    const key = {
      agreementId,
      originCountry: dto.origin,
      destinationCountry: dto.destination,
      fromStandardId: dto.from.standardId ?? IsNull(),
      fromMetaLevel: dto.from.metaLevel ?? IsNull(),
      fromIsco: dto.from.isco ?? IsNull(),
    };
    if (await manager.existsBy(EquivalenceMapping, key)) {
      throw new AppError('CONFLICT', 'The agreement already maps this origin to this destination.');
    }
    const mapping = await manager.save(
      EquivalenceMapping,
      manager.create(EquivalenceMapping, {
        agreementId,
        originCountry: dto.origin,
        destinationCountry: dto.destination,
        fromStandardId: dto.from.standardId ?? null,
        fromMetaLevel: dto.from.metaLevel ?? null,
        fromIsco: dto.from.isco ?? null,
        toStandardId: dto.to.standardId ?? null,
        toFramework: dto.to.framework ?? null,
        toLevel: dto.to.level ?? null,
        toTitle: dto.to.title ?? null,
        kind: dto.kind,
        missingUnits: [...new Set(dto.missingUnits)],
        conditions: [...new Set(dto.conditions)],
        note: dto.note ?? null,
      }),
    );
    await manager.update(Agreement, agreementId, { updatedAt: new Date() });
    await this.audit.append(manager, {
      actor,
      action: 'agreement.mapping_added',
      subject: subject(agreementId),
      data: { mappingId: mapping.id, ...dto },
    });
    return mapping;
  }

  private async changeStatus(
    manager: EntityManager,
    id: string,
    from: AgreementStatus,
    change: StatusChangeInput,
    actor: string,
  ): Promise<void> {
    if (!TRANSITIONS[from].includes(change.to)) {
      throw new AppError(
        'INVALID_STATUS_TRANSITION',
        from === change.to
          ? `Agreement ${id} is already ${from}.`
          : `An agreement ${from} cannot become ${change.to}.`,
      );
    }
    await this.recordStatus(manager, id, from, change, actor);
    await manager.update(Agreement, id, { status: change.to, updatedAt: new Date() });
    await this.audit.append(manager, {
      actor,
      action: 'agreement.status_changed',
      subject: subject(id),
      data: { from, to: change.to, at: change.at.toISOString(), reason: change.reason },
    });
  }

  private async recordStatus(
    manager: EntityManager,
    agreementId: string,
    from: AgreementStatus | null,
    change: StatusChangeInput,
    actor: string,
  ): Promise<void> {
    await manager.insert(AgreementStatusChange, {
      agreementId,
      fromStatus: from,
      toStatus: change.to,
      at: change.at,
      reason: change.reason,
      actor,
    });
  }

  private async lock(manager: EntityManager, id: string): Promise<Agreement> {
    const agreement = await manager.findOne(Agreement, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!agreement) throw new AppError('NOT_FOUND', 'There is no such agreement.');
    return agreement;
  }
}
