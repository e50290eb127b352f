import { Injectable } from '@nestjs/common';
import { isUuid } from '../../../common/validation/uuid.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, type FieldError } from '../../../common/errors/app-error.js';
import { AuditService } from '../../audit/audit.service.js';
import { RevisionCache } from '../../audit/revision-cache.js';
import { ReferenceService } from '../../reference/reference.service.js';
import {
  evaluateAccreditation,
  type AccreditationDecision,
  type IssuanceClaim,
} from '../accreditation-rules.js';
import type {
  CreateAccreditationDto,
  EndAccreditationDto,
} from '../dto/accreditation-input.dto.js';
import { Accreditation } from '../entities/accreditation.entity.js';
import { IssuerStatusChange } from '../entities/issuer-status-change.entity.js';
import type { Issuer } from '../entities/issuer.entity.js';
import { CREDENTIAL_TYPES, type CredentialType } from '../../../vc/schemas.js';

interface IssuerFacts {
  history: IssuerStatusChange[];
  accreditations: Accreditation[];
}

const today = () => new Date().toISOString().slice(0, 10);

@Injectable()
export class AccreditationsService {
  // An issuer's status history and accreditations, and meta levels, read outside a transaction.
  private readonly facts: RevisionCache<IssuerFacts>;
  private readonly metaLevels: RevisionCache<{ meta: number | undefined }>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly reference: ReferenceService,
  ) {
    this.facts = new RevisionCache(audit);
    this.metaLevels = new RevisionCache(audit);
  }

  async create(issuer: Issuer, dto: CreateAccreditationDto, actor: string): Promise<Accreditation> {
    const errors = await this.referenceErrors(dto);
    if (errors.length > 0) {
      throw new AppError('INVALID_REFERENCE', 'The accreditation names unknown references.', {
        errors,
      });
    }
    if (dto.validUntil && dto.validUntil < dto.validFrom) {
      throw new AppError('INVALID_DATE_RANGE', 'validUntil is before validFrom.', {
        errors: [{ path: 'validUntil', message: 'must not be before validFrom' }],
      });
    }
    return this.dataSource.transaction(async (manager) => {
      const accreditation = await manager.save(
        Accreditation,
        manager.create(Accreditation, {
          issuerId: issuer.id,
          credentialTypes: [...new Set(dto.credentialTypes)] as CredentialType[],
          frameworkCode: dto.framework ?? null,
          minLevel: dto.minLevel ?? null,
          maxLevel: dto.maxLevel ?? null,
          iscedFields: dto.iscedFields,
          occupations: dto.occupations,
          standards: dto.standards,
          jurisdiction: dto.jurisdiction.length > 0 ? dto.jurisdiction : [issuer.country],
          validFrom: dto.validFrom,
          validUntil: dto.validUntil ?? null,
          accreditedBy: dto.accreditedBy,
          legalReference: dto.legalReference ?? null,
          createdAt: new Date(),
        }),
      );
      await this.audit.append(manager, {
        actor,
        action: 'accreditation.created',
        subject: `issuer:${issuer.slug}`,
        data: { accreditationId: accreditation.id, ...dto },
      });
      return accreditation;
    });
  }

  /** Ends an accreditation; it stays in the record, valid until the given day. */
  async end(
    issuer: Issuer,
    id: string,
    dto: EndAccreditationDto,
    actor: string,
  ): Promise<Accreditation> {
    return this.dataSource.transaction(async (manager) => {
      const accreditation = isUuid(id)
        ? await manager.findOne(Accreditation, {
            where: { id, issuerId: issuer.id },
            lock: { mode: 'pessimistic_write' },
          })
        : null;
      if (!accreditation)
        throw new AppError('NOT_FOUND', `Issuer ${issuer.slug} has no such accreditation.`);
      if (accreditation.endedAt)
        throw new AppError('CONFLICT', 'The accreditation has already ended.');
      const lastDay = dto.validUntil ?? today();
      if (lastDay < accreditation.validFrom) {
        throw new AppError('INVALID_DATE_RANGE', 'An accreditation cannot end before it starts.', {
          errors: [
            { path: 'validUntil', message: `must not be before ${accreditation.validFrom}` },
          ],
        });
      }
      const validUntil =
        accreditation.validUntil && accreditation.validUntil < lastDay
          ? accreditation.validUntil
          : lastDay;
      await manager.update(Accreditation, accreditation.id, {
        validUntil,
        endedAt: new Date(),
        endReason: dto.reason,
      });
      await this.audit.append(manager, {
        actor,
        action: 'accreditation.ended',
        subject: `issuer:${issuer.slug}`,
        data: { accreditationId: accreditation.id, validUntil, reason: dto.reason },
      });
      return manager.findOneByOrFail(Accreditation, { id: accreditation.id });
    });
  }

  /**
   * May this issuer issue a credential with these characteristics at this instant? Used at
   * issuance (now) and at verification (the credential's issuance date). `manager` is the
   * caller's transaction, if it has one open (see CheckCache).
   */
  async check(
    issuerId: string,
    claim: IssuanceClaim,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AccreditationDecision<Accreditation>> {
    // A transaction may see its own writes: only reads outside one are shared.
    const shared = manager === this.dataSource.manager;
    const load = async (): Promise<IssuerFacts> => {
      const [history, accreditations] = await Promise.all([
        manager.getRepository(IssuerStatusChange).find({ where: { issuerId } }),
        manager.getRepository(Accreditation).find({ where: { issuerId } }),
      ]);
      return { history, accreditations };
    };
    const { history, accreditations } = shared
      ? await this.facts.get(issuerId, load)
      : await load();
    const metaLevels = await this.resolveMetaLevels(accreditations, claim, manager);
    return evaluateAccreditation({
      history,
      accreditations,
      claim,
      metaLevelOf: (framework, level) => metaLevels.get(`${framework}:${level}`),
    });
  }

  private async resolveMetaLevels(
    accreditations: Accreditation[],
    claim: IssuanceClaim,
    manager: EntityManager,
  ): Promise<Map<string, number>> {
    const pairs: [string, number][] = [];
    if (claim.level) pairs.push([claim.level.framework, claim.level.level]);
    for (const acc of accreditations) {
      if (!acc.frameworkCode) continue;
      if (acc.minLevel !== null) pairs.push([acc.frameworkCode, acc.minLevel]);
      if (acc.maxLevel !== null) pairs.push([acc.frameworkCode, acc.maxLevel]);
    }
    const levels = new Map<string, number>();
    const shared = manager === this.dataSource.manager;
    for (const [framework, level] of pairs) {
      const load = async () => ({
        meta: await this.reference.metaLevelOf(framework, level, manager),
      });
      const key = `${framework}:${level}`;
      const { meta } = shared ? await this.metaLevels.get(key, load) : await load();
      if (meta !== undefined) levels.set(key, meta);
    }
    return levels;
  }

  private async referenceErrors(dto: CreateAccreditationDto): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    dto.credentialTypes.forEach((type, i) => {
      if (!(CREDENTIAL_TYPES as readonly string[]).includes(type)) {
        errors.push({ path: `credentialTypes.${i}`, message: `unknown credential type ${type}` });
      }
    });
    if (dto.framework) {
      const framework = await this.reference.getFramework(dto.framework);
      if (!framework) {
        errors.push({ path: 'framework', message: `unknown framework ${dto.framework}` });
      } else {
        const levels = new Set(framework.levels.map((level) => level.level));
        for (const name of ['minLevel', 'maxLevel'] as const) {
          const value = dto[name];
          if (value !== undefined && !levels.has(value)) {
            errors.push({ path: name, message: `${dto.framework} has no level ${value}` });
          }
        }
      }
    } else if (dto.minLevel !== undefined || dto.maxLevel !== undefined) {
      errors.push({ path: 'framework', message: 'a level range needs its framework' });
    }
    if (dto.minLevel !== undefined && dto.maxLevel !== undefined && dto.minLevel > dto.maxLevel) {
      errors.push({ path: 'maxLevel', message: 'must not be below minLevel' });
    }
    const checks: [string, string[], (code: string) => Promise<boolean>][] = [
      ['iscedFields', dto.iscedFields, (code) => this.reference.isIscedField(code)],
      ['occupations', dto.occupations, (code) => this.reference.isIsco08(code)],
      [
        'standards',
        dto.standards,
        async (id) => (await this.reference.getStandard(id)) !== undefined,
      ],
      ['jurisdiction', dto.jurisdiction, (code) => this.reference.countryExists(code)],
    ];
    for (const [path, values, exists] of checks) {
      for (const [i, value] of values.entries()) {
        if (!(await exists(value)))
          errors.push({ path: `${path}.${i}`, message: `unknown ${value}` });
      }
    }
    return errors;
  }
}
