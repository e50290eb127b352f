import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AppError, type FieldError } from '../../../common/errors/app-error.js';
import { skipOf, type Page, type PageQueryDto } from '../../../common/pagination/pagination.js';
import type { AppConfig } from '../../../config/config.js';
import { InjectConfig } from '../../../config/config.module.js';
import { didKeyFromMultibase, didWeb } from '../../../vc/did.js';
import { generateIssuerKey } from '../../../vc/keys.js';
import { AuditService } from '../../audit/audit.service.js';
import { RevisionCache } from '../../audit/revision-cache.js';
import { ReferenceService } from '../../reference/reference.service.js';
import type { CreateIssuerDto, UpdateIssuerDto } from '../dto/issuer-input.dto.js';
import { Accreditation } from '../entities/accreditation.entity.js';
import { IssuerStatusChange } from '../entities/issuer-status-change.entity.js';
import { Issuer } from '../entities/issuer.entity.js';
import type { IssuerStatus } from '../registry.constants.js';
import { IssuerKeysService } from './issuer-keys.service.js';

const TRANSITIONS: Record<IssuerStatus, IssuerStatus[]> = {
  ACTIVE: ['SUSPENDED', 'CLOSED'],
  SUSPENDED: ['ACTIVE', 'CLOSED'],
  CLOSED: [],
};

export interface IssuerFilter {
  country?: string;
  credentialType?: string;
  status?: IssuerStatus;
}

/** The whole registry record of an issuer: what the trust list publishes. */
export interface IssuerRecord {
  issuer: Issuer;
  parentSlug: string | null;
  history: IssuerStatusChange[];
  accreditations: Accreditation[];
}

/** The issuer record other modules read through this service. */
export type { Issuer };

@Injectable()
export class IssuersService {
  private readonly byIdCache: RevisionCache<Issuer>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly keys: IssuerKeysService,
    private readonly reference: ReferenceService,
  ) {
    this.byIdCache = new RevisionCache(audit);
  }

  async create(dto: CreateIssuerDto, actor: string): Promise<Issuer> {
    const errors: FieldError[] = [];
    if (!(await this.reference.countryExists(dto.country))) {
      errors.push({ path: 'country', message: `unknown country ${dto.country}` });
    }
    const parent = dto.parent ? await this.findBySlug(dto.parent) : null;
    if (dto.parent && !parent)
      errors.push({ path: 'parent', message: `unknown issuer ${dto.parent}` });
    if (errors.length > 0)
      throw new AppError('INVALID_REFERENCE', 'Unknown references.', { errors });
    if (dto.did && dto.didMethod) {
      throw new AppError('VALIDATION_FAILED', 'Give either did or didMethod.', {
        errors: [
          { path: 'didMethod', message: 'must be absent with did: the issuer holds its key' },
        ],
      });
    }
    // A hosted did:key is the key: made first, so the DID is known.
    const hostedKey = dto.didMethod === 'key' ? await generateIssuerKey() : undefined;

    return this.dataSource.transaction(async (manager) => {
      if (await manager.exists(Issuer, { where: { slug: dto.slug } })) {
        throw new AppError('SLUG_TAKEN', 'An issuer with this slug exists.');
      }
      const did =
        dto.did ??
        (hostedKey
          ? didKeyFromMultibase(hostedKey.publicKeyMultibase)
          : didWeb(this.config.publicBaseUrl, ['issuers', dto.slug]));
      if (await manager.exists(Issuer, { where: { did } })) {
        throw new AppError('CONFLICT', 'An issuer with this DID exists.');
      }
      const issuer = await manager.save(
        Issuer,
        manager.create(Issuer, {
          slug: dto.slug,
          legalName: dto.legalName,
          country: dto.country,
          kinds: [...new Set(dto.kinds)],
          parentId: parent?.id ?? null,
          status: 'ACTIVE',
          did,
          managedKeys: !dto.did,
          issuanceProfile: dto.issuanceProfile ?? 'ACCREDITED',
          sandbox: dto.sandbox ?? false,
          website: dto.website ?? null,
        }),
      );
      await this.recordStatus(manager, issuer, null, 'ACTIVE', 'registered', actor);
      await this.audit.append(manager, {
        actor,
        action: 'issuer.created',
        subject: `issuer:${issuer.slug}`,
        data: {
          slug: issuer.slug,
          legalName: issuer.legalName,
          country: issuer.country,
          kinds: issuer.kinds,
          parent: dto.parent ?? null,
          did,
          issuanceProfile: issuer.issuanceProfile,
          sandbox: issuer.sandbox,
        },
      });
      if (dto.did) {
        await this.keys.addExternalKey(manager, issuer, dto.did.slice('did:key:'.length), actor);
      } else {
        await this.keys.addManagedKey(manager, issuer, actor, hostedKey);
      }
      return issuer;
    });
  }

  async update(slug: string, dto: UpdateIssuerDto, actor: string): Promise<Issuer> {
    const parent = dto.parent ? await this.findBySlug(dto.parent) : null;
    if (dto.parent && (!parent || parent.slug === slug)) {
      throw new AppError('INVALID_REFERENCE', 'The parent must be another registered issuer.', {
        errors: [{ path: 'parent', message: 'not a valid parent' }],
      });
    }
    return this.dataSource.transaction(async (manager) => {
      const issuer = await this.lockBySlug(manager, slug);
      const changes: Partial<Issuer> = {};
      if (dto.legalName !== undefined) changes.legalName = dto.legalName;
      if (dto.kinds !== undefined) changes.kinds = [...new Set(dto.kinds)];
      if (dto.website !== undefined) changes.website = dto.website;
      if (dto.parent !== undefined) changes.parentId = parent?.id ?? null;
      if (dto.issuanceProfile !== undefined && dto.issuanceProfile !== issuer.issuanceProfile) {
        changes.issuanceProfile = dto.issuanceProfile;
      }
      if (dto.sandbox !== undefined && dto.sandbox !== issuer.sandbox) {
        changes.sandbox = dto.sandbox;
      }
      if (dto.status !== undefined && dto.status !== issuer.status) {
        if (!TRANSITIONS[issuer.status].includes(dto.status)) {
          throw new AppError(
            'INVALID_STATUS_TRANSITION',
            `An issuer ${issuer.status} cannot become ${dto.status}.`,
          );
        }
        changes.status = dto.status;
        await this.recordStatus(
          manager,
          issuer,
          issuer.status,
          dto.status,
          dto.reason ?? '',
          actor,
        );
      } else if (dto.status !== undefined) {
        throw new AppError('INVALID_STATUS_TRANSITION', `The issuer is already ${dto.status}.`);
      }
      if (Object.keys(changes).length === 0) return issuer;
      await manager.update(Issuer, issuer.id, changes);
      await this.audit.append(manager, {
        actor,
        action: changes.status ? 'issuer.status_changed' : 'issuer.updated',
        subject: `issuer:${slug}`,
        data: {
          ...changes,
          ...(dto.parent !== undefined ? { parent: dto.parent } : {}),
          reason: dto.reason ?? null,
        },
      });
      return manager.findOneByOrFail(Issuer, { id: issuer.id });
    });
  }

  /** True until the first issuer is created: the registry of a new database. */
  async registryIsEmpty(): Promise<boolean> {
    return !(await this.dataSource.getRepository(Issuer).exists());
  }

  findBySlug(slug: string): Promise<Issuer | null> {
    return this.dataSource.getRepository(Issuer).findOne({ where: { slug } });
  }

  /**
   * The issuer of a DID: its current one, or one it used before (a hosted did:key replaced at a
   * rotation), found through the keys, which keep the DID they belong to.
   */
  findByDid(did: string): Promise<Issuer | null> {
    return this.dataSource
      .getRepository(Issuer)
      .createQueryBuilder('issuer')
      .where(
        'issuer.did = :did OR EXISTS (SELECT 1 FROM issuer_key k WHERE k.issuer_id = issuer.id AND k.did = :did)',
        { did },
      )
      .getOne();
  }

  async requireById(id: string): Promise<Issuer> {
    const issuer = await this.dataSource.getRepository(Issuer).findOne({ where: { id } });
    if (!issuer) throw new AppError('NOT_FOUND', 'No such issuer.');
    return issuer;
  }

  /** As `requireById`, kept per audit revision and shared: read it, never change it. */
  async cachedById(id: string): Promise<Issuer> {
    return this.byIdCache.get(id, () => this.requireById(id));
  }

  /** The issuers of these ids, by id (unknown ids are left out). */
  async byIds(ids: string[]): Promise<Map<string, Issuer>> {
    const unique = [...new Set(ids)];
    const issuers = unique.length
      ? await this.dataSource.getRepository(Issuer).find({ where: { id: In(unique) } })
      : [];
    return new Map(issuers.map((issuer) => [issuer.id, issuer]));
  }

  async requireBySlug(slug: string): Promise<Issuer> {
    const issuer = await this.findBySlug(slug);
    if (!issuer) throw new AppError('NOT_FOUND', 'No such issuer.');
    return issuer;
  }

  async history(issuerId: string): Promise<IssuerStatusChange[]> {
    return this.dataSource
      .getRepository(IssuerStatusChange)
      .find({ where: { issuerId }, order: { at: 'ASC' } });
  }

  async record(slug: string): Promise<IssuerRecord> {
    const [record] = await this.records([await this.requireBySlug(slug)]);
    return record;
  }

  /** The trust list: issuers filtered by country, credential type they are accredited for, status. */
  async list(filter: IssuerFilter, page: PageQueryDto): Promise<Page<IssuerRecord>> {
    const query = this.dataSource.getRepository(Issuer).createQueryBuilder('issuer');
    if (filter.country) query.andWhere('issuer.country = :country', { country: filter.country });
    if (filter.status) query.andWhere('issuer.status = :status', { status: filter.status });
    if (filter.credentialType) {
      query.andWhere(
        'EXISTS (SELECT 1 FROM accreditation a WHERE a.issuer_id = issuer.id AND :type = ANY(a.credential_types))',
        { type: filter.credentialType },
      );
    }
    const [issuers, total] = await query
      .orderBy('issuer.slug', 'ASC')
      .skip(skipOf(page))
      .take(page.limit)
      .getManyAndCount();
    return { items: await this.records(issuers), page: page.page, limit: page.limit, total };
  }

  private async records(issuers: Issuer[]): Promise<IssuerRecord[]> {
    const ids = issuers.map((issuer) => issuer.id);
    const parentIds = issuers.flatMap((issuer) => (issuer.parentId ? [issuer.parentId] : []));
    const [histories, accreditations, parents] = ids.length
      ? await Promise.all([
          this.dataSource
            .getRepository(IssuerStatusChange)
            .find({ where: { issuerId: In(ids) }, order: { at: 'ASC' } }),
          this.dataSource
            .getRepository(Accreditation)
            .find({ where: { issuerId: In(ids) }, order: { validFrom: 'ASC', createdAt: 'ASC' } }),
          parentIds.length
            ? this.dataSource.getRepository(Issuer).find({ where: { id: In(parentIds) } })
            : [],
        ])
      : [[], [], []];
    return issuers.map((issuer) => ({
      issuer,
      parentSlug: parents.find((parent) => parent.id === issuer.parentId)?.slug ?? null,
      history: histories.filter((change) => change.issuerId === issuer.id),
      accreditations: accreditations.filter((acc) => acc.issuerId === issuer.id),
    }));
  }

  private async lockBySlug(manager: EntityManager, slug: string): Promise<Issuer> {
    const issuer = await manager.findOne(Issuer, {
      where: { slug },
      lock: { mode: 'pessimistic_write' },
    });
    if (!issuer) throw new AppError('NOT_FOUND', 'No such issuer.');
    return issuer;
  }

  private async recordStatus(
    manager: EntityManager,
    issuer: Issuer,
    from: IssuerStatus | null,
    to: IssuerStatus,
    reason: string,
    actor: string,
  ): Promise<void> {
    await manager.save(
      IssuerStatusChange,
      manager.create(IssuerStatusChange, {
        issuerId: issuer.id,
        fromStatus: from,
        toStatus: to,
        at: new Date(),
        actor,
        reason,
      }),
    );
  }
}
