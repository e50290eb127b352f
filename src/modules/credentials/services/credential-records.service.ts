import { Injectable } from '@nestjs/common';
import { isUuid } from '../../../common/validation/uuid.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AppError } from '../../../common/errors/app-error.js';
import { isOpenBadgeCredential } from '../../../vc/open-badges.js';
import { skipOf, type Page, type PageQueryDto } from '../../../common/pagination/pagination.js';
import { AuditService } from '../../audit/audit.service.js';
import { CredentialStatusChange } from '../entities/credential-status-change.entity.js';
import { CredentialRecord, type CredentialStatus } from '../entities/credential.entity.js';
import { sha256Hex } from '../../../common/crypto/index.js';
import type { IssuanceProfile } from '../../registry/registry.constants.js';
import { StatusListsService } from './status-lists.service.js';
import { VcEnvironmentService } from './vc-environment.service.js';
import type { EntityManager } from 'typeorm';
import { hashClaimCode, newClaimCode } from '../credential-secrets.js';

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
  /** A subquery of holder ids the credential's holder must be among (a search by name). */
  holderIdsIn?: { sql: string; parameters: Record<string, unknown> };
  /** The credentials of this holder, or issued under this identity document (a search by document). */
  holderOrDocument?: { holderId: string; documentId: string };
}

/** An issuer's view of its own credentials, and their status changes. */
/** The stored credential other modules read through this service. */
export type { CredentialRecord };

@Injectable()
export class CredentialRecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly statusLists: StatusListsService,
    private readonly audit: AuditService,
    private readonly env: VcEnvironmentService,
  ) {}

  /** Another issuer's credential is answered as unknown: 404, not 403. */
  async requireOwn(issuerId: string, id: string): Promise<CredentialRecord> {
    const record = isUuid(id)
      ? await this.dataSource.getRepository(CredentialRecord).findOne({ where: { id, issuerId } })
      : null;
    if (!record) throw new AppError('NOT_FOUND', 'No such credential.');
    return record;
  }

  /** The credential behind a permanent verify token, if its link is enabled. */
  async findByVerifyToken(token: string): Promise<CredentialRecord | null> {
    const record = await this.dataSource
      .getRepository(CredentialRecord)
      .findOne({ where: { verifyTokenHash: sha256Hex(token) } });
    return record?.verifyLinkEnabled ? record : null;
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
    if (filter.holderIdsIn) {
      query
        .andWhere(`c.holder_id IN (${filter.holderIdsIn.sql})`)
        .setParameters(filter.holderIdsIn.parameters);
    }
    if (filter.holderOrDocument) {
      query.andWhere('(c.holder_id = :holderId OR c.identity_document_id = :documentId)', {
        ...filter.holderOrDocument,
      });
    }
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

  /** Runs `change` in a transaction, on the issuer's own credential locked for it. */
  private async changeOwn<T>(
    issuerId: string,
    id: string,
    change: (manager: EntityManager, record: CredentialRecord) => Promise<T>,
  ): Promise<T> {
    await this.requireOwn(issuerId, id);
    return this.dataSource.transaction(async (manager) => {
      const record = await manager.findOneOrFail(CredentialRecord, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      return change(manager, record);
    });
  }

  /** Revocation is final; suspension can be lifted by reinstating. */
  async changeStatus(
    issuerId: string,
    id: string,
    action: StatusAction,
    reason: string,
    actor: string,
  ): Promise<CredentialRecord> {
    return this.changeOwn(issuerId, id, async (manager, record) => {
      const from = record.status;
      if (from === 'REVOKED') throw new AppError('ALREADY_REVOKED', 'The credential is revoked.');
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
          // An Open Badge carries one status entry, revocation: a suspension bit would go unseen.
          if (isOpenBadgeCredential(record.document))
            throw new AppError(
              'SUSPENSION_NOT_SUPPORTED',
              `Credential ${id} is an Open Badge, which can be revoked but not suspended.`,
            );
          if (from === 'SUSPENDED')
            throw new AppError('INVALID_STATUS_TRANSITION', 'The credential is already suspended.');
          to = 'SUSPENDED';
          await this.statusLists.setBit(
            manager,
            { listId: record.suspensionListId, index: record.suspensionIndex },
            true,
          );
          break;
        case 'reinstate':
          if (from !== 'SUSPENDED')
            throw new AppError('INVALID_STATUS_TRANSITION', 'The credential is not suspended.');
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

  /**
   * Gives a credential its holder has not claimed a new claim code, when the first was lost: the
   * old code stops working, a copy still kept for the batch download is wiped, and the new code
   * is returned once and kept only as its hash. Refused for a credential already claimed,
   * revoked, or issued without a holder (VC API).
   */
  async reissueClaimCode(
    issuerId: string,
    id: string,
    reason: string,
    actor: string,
  ): Promise<string> {
    return this.changeOwn(issuerId, id, async (manager, record) => {
      // Without a holder there is no claim code either (ck_credential_holder).
      if (record.holderId === null) {
        throw new AppError('NO_CLAIM_CODE', 'The credential was issued without a holder.');
      }
      if (record.claimCodeUsedAt) {
        throw new AppError('ALREADY_CLAIMED', 'The credential was claimed by its holder.');
      }
      if (record.status === 'REVOKED') {
        throw new AppError('ALREADY_REVOKED', 'The credential is revoked.');
      }
      return this.replaceClaimCode(manager, id, reason, actor);
    });
  }

  /**
   * New claim codes for every credential of a batch job that its holder can still claim (not
   * claimed, not revoked), in one transaction with the rows locked; each is replaced as
   * `reissueClaimCode` replaces one. In row order; empty when none is left to claim.
   */
  async reissueJobClaimCodes(
    manager: EntityManager,
    jobId: string,
    reason: string,
    actor: string,
  ): Promise<{ row: number; credentialId: string; claimCode: string }[]> {
    const claimable = await manager.query<{ row_no: number; credential_id: string }[]>(
      `SELECT r.row_no, c.id AS credential_id
       FROM issuance_job_row r JOIN credential c ON c.id = r.credential_id
       WHERE r.job_id = $1 AND r.status = 'DONE' AND c.holder_id IS NOT NULL
         AND c.claim_code_used_at IS NULL AND c.status <> 'REVOKED'
       ORDER BY r.row_no FOR UPDATE OF c`,
      [jobId],
    );
    const reissued = [];
    for (const { row_no: row, credential_id: credentialId } of claimable) {
      const claimCode = await this.replaceClaimCode(manager, credentialId, reason, actor);
      reissued.push({ row, credentialId, claimCode });
    }
    return reissued;
  }

  /** The code swap itself, on a credential already checked and locked by the caller. */
  private async replaceClaimCode(
    manager: EntityManager,
    id: string,
    reason: string,
    actor: string,
  ): Promise<string> {
    const claimCode = newClaimCode();
    await manager.update(CredentialRecord, id, { claimCodeHash: hashClaimCode(claimCode) });
    await manager.query(
      'UPDATE issuance_job_row SET sealed_claim_code = NULL WHERE credential_id = $1',
      [id],
    );
    await this.audit.append(manager, {
      actor,
      action: 'credential.claim_code_reissued',
      subject: `credential:${id}`,
      data: { reason },
    });
    return claimCode;
  }

  // --- Holder access (issue 6): the holders module reaches credentials only through these. ---

  /** The credentials of a share, in the order given. */
  /**
   * The profile one of our credentials was issued under, found by its revocation entry (a slot
   * belongs to one credential); undefined for a credential whose entry is not one of ours.
   */
  async issuanceProfileOf(
    credential: Record<string, unknown>,
  ): Promise<IssuanceProfile | undefined> {
    const prefix = this.env.statusListUrl('');
    const entries = Array.isArray(credential.credentialStatus)
      ? (credential.credentialStatus as unknown[])
      : [credential.credentialStatus];
    for (const entry of entries) {
      if (typeof entry !== 'object' || entry === null) continue;
      const { statusPurpose, statusListCredential, statusListIndex } = entry as Record<
        string,
        unknown
      >;
      if (statusPurpose !== 'revocation' || typeof statusListCredential !== 'string') continue;
      const listId = statusListCredential.startsWith(prefix)
        ? statusListCredential.slice(prefix.length)
        : '';
      const index = Number(statusListIndex);
      if (!isUuid(listId) || !Number.isSafeInteger(index)) continue;
      const record = await this.dataSource.getRepository(CredentialRecord).findOne({
        select: { id: true, issuanceProfile: true },
        where: { revocationListId: listId, revocationIndex: index },
      });
      if (record) return record.issuanceProfile;
    }
    return undefined;
  }

  async findByIds(ids: string[]): Promise<CredentialRecord[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const records = await this.dataSource
      .getRepository(CredentialRecord)
      .find({ where: { id: In(valid) } });
    return valid.flatMap((id) => records.filter((record) => record.id === id));
  }

  /**
   * The credentials of a holder: those linked to them, and those issued under one of their
   * identity documents.
   */
  async listForHolder(
    holderId: string,
    documentIds: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CredentialRecord[]> {
    const query = manager
      .getRepository(CredentialRecord)
      .createQueryBuilder('c')
      .where('c.holder_id = :holderId', { holderId });
    if (documentIds.length > 0) {
      query.orWhere('c.identity_document_id IN (:...documentIds)', { documentIds });
    }
    return query.orderBy('c.valid_from', 'DESC').addOrderBy('c.id', 'ASC').getMany();
  }

  /** One credential of a holder (see `listForHolder`), or null: another holder's is unknown. */
  async findForHolder(
    holderId: string,
    documentIds: string[],
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CredentialRecord | null> {
    if (!isUuid(id)) return null;
    const record = await manager.getRepository(CredentialRecord).findOne({ where: { id } });
    if (!record) return null;
    const owned =
      record.holderId === holderId ||
      (record.identityDocumentId !== null && documentIds.includes(record.identityDocumentId));
    return owned ? record : null;
  }

  /**
   * The credential of an unused claim code, locked for the caller's transaction; null for an
   * unknown or used code alike.
   */
  async findByClaimCode(
    manager: EntityManager,
    claimCode: string,
  ): Promise<CredentialRecord | null> {
    const record = await manager.findOne(CredentialRecord, {
      where: { claimCodeHash: hashClaimCode(claimCode) },
      lock: { mode: 'pessimistic_write' },
    });
    return record && !record.claimCodeUsedAt ? record : null;
  }

  /** Uses up a credential's claim code and links the credential to the holder who claimed it. */
  async markClaimed(manager: EntityManager, id: string, holderId: string): Promise<void> {
    await manager.update(CredentialRecord, id, { claimCodeUsedAt: new Date(), holderId });
  }

  /** Moves every credential of a holder to another (a holder merged into the one who claimed it). */
  async reassignHolder(manager: EntityManager, fromHolderId: string, toHolderId: string) {
    await manager.update(CredentialRecord, { holderId: fromHolderId }, { holderId: toHolderId });
  }

  /** Turns a credential's permanent verify link off or on (its holder's choice). */
  async setVerifyLinkEnabled(manager: EntityManager, id: string, enabled: boolean): Promise<void> {
    await manager.update(CredentialRecord, id, { verifyLinkEnabled: enabled });
  }
}
