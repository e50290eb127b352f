import { Injectable } from '@nestjs/common';
import { isUuid } from '../../../common/validation/uuid.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError } from '../../../common/errors/app-error.js';
import { skipOf, type Page, type PageQueryDto } from '../../../common/pagination/pagination.js';
import { AuditService } from '../../audit/audit.service.js';
import { CredentialStatusChange } from '../entities/credential-status-change.entity.js';
import { CredentialRecord, type CredentialStatus } from '../entities/credential.entity.js';
import { StatusListsService } from './status-lists.service.js';

export type StatusAction = 'revoke' | 'suspend' | 'reinstate';

const AUDIT_ACTIONS: Record<StatusAction, string> = {
  revoke: 'credential.revoked',
  suspend: 'credential.suspended',
  reinstate: 'credential.reinstated',
};

export interface CredentialFilter {
  type?: string;
  status?: CredentialStatus;
  issuedFrom?: string;
  issuedTo?: string;
}

/** An issuer's view of its own credentials, and their status changes. */
@Injectable()
export class CredentialRecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly statusLists: StatusListsService,
    private readonly audit: AuditService,
  ) {}

  /** Another issuer's credential is answered as unknown: 404, not 403. */
  async requireOwn(issuerId: string, id: string): Promise<CredentialRecord> {
    const record = isUuid(id)
      ? await this.dataSource.getRepository(CredentialRecord).findOne({ where: { id, issuerId } })
      : null;
    if (!record) throw new AppError('NOT_FOUND', `No credential ${id}.`);
    return record;
  }

  async list(
    issuerId: string,
    filter: CredentialFilter,
    page: PageQueryDto,
  ): Promise<Page<CredentialRecord>> {
    const query = this.dataSource
      .getRepository(CredentialRecord)
      .createQueryBuilder('c')
      .where('c.issuer_id = :issuerId', { issuerId });
    if (filter.type) query.andWhere('c.type = :type', { type: filter.type });
    if (filter.status) query.andWhere('c.status = :status', { status: filter.status });
    if (filter.issuedFrom) query.andWhere('c.valid_from >= :from', { from: filter.issuedFrom });
    if (filter.issuedTo)
      query.andWhere("c.valid_from < (:to::date + interval '1 day')", { to: filter.issuedTo });
    const [items, total] = await query
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'ASC')
      .skip(skipOf(page))
      .take(page.limit)
      .getManyAndCount();
    return { items, page: page.page, limit: page.limit, total };
  }

  async history(credentialId: string): Promise<CredentialStatusChange[]> {
    return this.dataSource
      .getRepository(CredentialStatusChange)
      .find({ where: { credentialId }, order: { at: 'ASC' } });
  }

  /** Revocation is final; suspension can be lifted by reinstating. */
  async changeStatus(
    issuerId: string,
    id: string,
    action: StatusAction,
    reason: string,
    actor: string,
  ): Promise<CredentialRecord> {
    await this.requireOwn(issuerId, id);
    return this.dataSource.transaction(async (manager) => {
      const record = await manager.findOneOrFail(CredentialRecord, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      const from = record.status;
      if (from === 'REVOKED') throw new AppError('ALREADY_REVOKED', `Credential ${id} is revoked.`);
      let to: CredentialStatus;
      switch (action) {
        case 'revoke':
          to = 'REVOKED';
          await this.statusLists.setBit(
            manager,
            { listId: record.revocationListId, index: record.revocationIndex },
            true,
          );
          break;
        case 'suspend':
          if (from === 'SUSPENDED')
            throw new AppError(
              'INVALID_STATUS_TRANSITION',
              `Credential ${id} is already suspended.`,
            );
          to = 'SUSPENDED';
          await this.statusLists.setBit(
            manager,
            { listId: record.suspensionListId, index: record.suspensionIndex },
            true,
          );
          break;
        case 'reinstate':
          if (from !== 'SUSPENDED')
            throw new AppError('INVALID_STATUS_TRANSITION', `Credential ${id} is not suspended.`);
          to = 'ACTIVE';
          await this.statusLists.setBit(
            manager,
            { listId: record.suspensionListId, index: record.suspensionIndex },
            false,
          );
          break;
      }
      await manager.update(CredentialRecord, id, { status: to });
      await manager.save(
        CredentialStatusChange,
        manager.create(CredentialStatusChange, {
          credentialId: id,
          fromStatus: from,
          toStatus: to,
          reason,
          actor,
          at: new Date(),
        }),
      );
      await this.audit.append(manager, {
        actor,
        action: AUDIT_ACTIONS[action],
        subject: `credential:${id}`,
        data: { from, to, reason },
      });
      return manager.findOneOrFail(CredentialRecord, { where: { id } });
    });
  }
}
