import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../../../common/errors/app-error.js';
import { AuditService } from '../../audit/audit.service.js';
import {
  CredentialRecordsService,
  type CredentialRecord,
} from '../../credentials/services/credential-records.service.js';
import { HolderAccount } from '../entities/holder-account.entity.js';
import type { DocumentInput } from '../../holder-identity/holder-identity.js';
import {
  documentView,
  HolderDocumentsService,
  type DocumentView,
  type IdentityDocument,
} from '../../holder-identity/holder-documents.service.js';
import { LockoutsService } from './lockouts.service.js';

export interface ClaimInput {
  claimCode: string;
  document: DocumentInput;
}

export interface CheckedClaim {
  credential: CredentialRecord;
  /** The document the credential was issued under, which the person typed in. */
  document: IdentityDocument;
}

export interface ClaimedCredential {
  credentialId: string;
  document: DocumentView;
}

/**
 * Claim codes: the one-time code printed with a credential proves that whoever holds it may link
 * that credential, and the document it was issued under, to their account.
 */
@Injectable()
export class HolderClaimsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: CredentialRecordsService,
    private readonly documents: HolderDocumentsService,
    private readonly lockouts: LockoutsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * The credential behind an unused claim code, if it was issued under the document given; the
   * credential row stays locked until the caller's transaction ends. Unknown codes, used codes
   * and codes of another document get the same answer, so codes cannot be probed; each counts
   * against the client.
   *
   * @throws AppError INVALID_CLAIM, or RATE_LIMITED while the client is locked.
   */
  async check(manager: EntityManager, input: ClaimInput, client: string): Promise<CheckedClaim> {
    await this.lockouts.assertClaimsAllowed(client);
    const credential = await this.records.findByClaimCode(manager, input.claimCode);
    const document = credential?.identityDocumentId
      ? await this.documents.findByDocument(input.document, manager)
      : null;
    if (!credential || !document || document.id !== credential.identityDocumentId) {
      await this.lockouts.claimFailed(client);
      throw new AppError(
        'INVALID_CLAIM',
        'This claim code is not valid for this document, or it was already used.',
        { errors: [{ path: 'claimCode', message: 'is not valid for this document' }] },
      );
    }
    return { credential, document };
  }

  /**
   * Links a credential issued under another document to the holder: the code is used up, the
   * document becomes theirs (so everything issued under it appears with the rest), and so does
   * the credential. A holder left with no document (one made by issuance under that document
   * alone) is merged into this one. A document that signs in to another account is not taken.
   */
  async claim(holderId: string, input: ClaimInput, client: string): Promise<ClaimedCredential> {
    return this.dataSource.transaction(async (manager) => {
      const { credential, document } = await this.check(manager, input, client);
      if (document.holderId !== holderId) {
        if (await manager.existsBy(HolderAccount, { holderId: document.holderId })) {
          throw new AppError(
            'DOCUMENT_OF_ANOTHER_ACCOUNT',
            'This document signs in to another account; sign in with it instead.',
          );
        }
        await this.documents.moveTo(manager, document.id, holderId);
        if ((await this.documents.documentsOf(document.holderId, manager)).length === 0) {
          // Nothing else identifies the former holder: it was this person all along.
          await this.records.reassignHolder(manager, document.holderId, holderId);
          await this.documents.removeEmptyHolder(manager, document.holderId);
        }
      }
      await this.records.markClaimed(manager, credential.id, holderId);
      await this.audit.append(manager, {
        actor: `holder:${holderId}`,
        action: 'holder.credential_claimed',
        subject: `holder:${holderId}`,
        data: { credentialId: credential.id, documentId: document.id },
      });
      return { credentialId: credential.id, document: documentView(document) };
    });
  }
}
