import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import type { Principal } from '../../../common/auth/principal.js';
import { AppError } from '../../../common/errors/app-error.js';
import { isUuid } from '../../../common/validation/uuid.js';
import type { Credential } from '../../../vc/issue.js';
import { AuditService } from '../../audit/audit.service.js';
import type { VcApiStatusRequestDto } from '../dto/vc-api-credentials.dto.js';
import { CredentialRecord } from '../entities/credential.entity.js';
import { CredentialRecordsService, type StatusAction } from './credential-records.service.js';
import { securedCredential } from './signing.service.js';

type IssuerPrincipal = Extract<Principal, { kind: 'issuer' }>;

const actorOf = (caller: IssuerPrincipal) => `issuer:${caller.slug}`;

/**
 * The W3C VC API operations on issued credentials: status update, get and delete. Each works on
 * the caller issuer's own credentials only; another issuer's is answered as unknown (404).
 */
@Injectable()
export class VcApiCredentialsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: CredentialRecordsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * The caller's credential by its `id` as issued (or by its record id), unless withdrawn.
   *
   * @throws AppError NOT_FOUND for an unknown, withdrawn or another issuer's credential.
   */
  private async requireOwn(
    caller: IssuerPrincipal,
    credentialId: string,
  ): Promise<CredentialRecord> {
    const query = this.dataSource
      .getRepository(CredentialRecord)
      .createQueryBuilder('credential')
      .where('credential.issuer_id = :issuerId AND credential.withdrawn_at IS NULL', {
        issuerId: caller.issuerId,
      })
      .andWhere(
        isUuid(credentialId)
          ? "(credential.document->>'id' = :credentialId OR credential.id = :recordId)"
          : "credential.document->>'id' = :credentialId",
        // Two parameters: one value compared as text and as a uuid would be given both types.
        { credentialId, recordId: credentialId },
      )
      .orderBy('credential.created_at', 'DESC');
    const record = await query.getOne();
    if (!record) throw new AppError('NOT_FOUND', `You issued no credential ${credentialId}.`);
    return record;
  }

  async get(caller: IssuerPrincipal, credentialId: string): Promise<Credential> {
    return securedCredential(await this.requireOwn(caller, credentialId));
  }

  /**
   * Sets or clears one status bit. Setting what is already set, or clearing what is clear, changes
   * nothing; a revocation cannot be cleared.
   *
   * @throws AppError NOT_FOUND (not the caller's), ALREADY_REVOKED (409) for any change of a
   *   revoked credential.
   */
  async updateStatus(caller: IssuerPrincipal, request: VcApiStatusRequestDto): Promise<void> {
    const record = await this.requireOwn(caller, request.credentialId);
    const { statusPurpose } = request.credentialStatus;
    const current =
      statusPurpose === 'revocation' ? record.status === 'REVOKED' : record.status === 'SUSPENDED';
    if (statusPurpose === 'revocation' && current && !request.status) {
      throw new AppError('ALREADY_REVOKED', 'A revocation cannot be undone.');
    }
    if (current === request.status) return;
    const action: StatusAction =
      statusPurpose === 'revocation' ? 'revoke' : request.status ? 'suspend' : 'reinstate';
    await this.records.changeStatus(
      caller.issuerId,
      record.id,
      action,
      'VC API status update',
      actorOf(caller),
    );
  }

  /**
   * Withdraws a credential: revoked (unless it already is) and no longer served here; the record,
   * its status entries and the audit trail stay.
   */
  async withdraw(caller: IssuerPrincipal, credentialId: string): Promise<void> {
    const record = await this.requireOwn(caller, credentialId);
    if (record.status !== 'REVOKED') {
      await this.records.changeStatus(
        caller.issuerId,
        record.id,
        'revoke',
        'Withdrawn through the VC API',
        actorOf(caller),
      );
    }
    await this.dataSource.transaction(async (manager) => {
      const updated = await manager.update(
        CredentialRecord,
        { id: record.id, withdrawnAt: IsNull() },
        { withdrawnAt: new Date() },
      );
      if (!updated.affected) return;
      await this.audit.append(manager, {
        actor: actorOf(caller),
        action: 'credential.withdrawn',
        subject: `credential:${record.id}`,
        data: { via: 'vc-api' },
      });
    });
  }
}
