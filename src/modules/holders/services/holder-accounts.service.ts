import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError } from '../../../common/errors/app-error.js';
import { AuditService } from '../../audit/audit.service.js';
import { CredentialRecordsService } from '../../credentials/services/credential-records.service.js';
import { HolderAccount } from '../entities/holder-account.entity.js';
import type { DocumentInput } from '../../holder-identity/holder-identity.js';
import { assertStrongPassword } from '../password-policy.js';
import { hashPassword, needsRehash, verifyPassword } from '../passwords.js';
import { HolderClaimsService } from './holder-claims.service.js';
import { HolderConsentsService } from './holder-consents.service.js';
import { HolderDocumentsService } from '../../holder-identity/holder-documents.service.js';
import { HolderRecoveryService } from './holder-recovery.service.js';
import { HolderSessionsService, type SessionTokens } from './holder-sessions.service.js';
import { LockoutsService } from './lockouts.service.js';

export interface RegisterInput {
  document: DocumentInput;
  claimCode: string;
  password: string;
}

export interface LoginInput {
  document: DocumentInput;
  password: string;
}

export interface Registered extends SessionTokens {
  /** The credential whose claim code opened the account. */
  credentialId: string;
  /** Printable single-use codes that reset the password; shown this once. */
  recoveryCodes: string[];
}

/**
 * Holder accounts: opened with a claim code and the document the credential was issued under;
 * signed in to with any of the holder's documents and a password (many holders have no email).
 */
@Injectable()
export class HolderAccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly documents: HolderDocumentsService,
    private readonly claims: HolderClaimsService,
    private readonly sessions: HolderSessionsService,
    private readonly consents: HolderConsentsService,
    private readonly records: CredentialRecordsService,
    private readonly lockouts: LockoutsService,
    private readonly recovery: HolderRecoveryService,
    private readonly audit: AuditService,
  ) {}

  /**
   * @throws AppError WEAK_PASSWORD, INVALID_CLAIM (unknown, used or another document's code),
   *   ACCOUNT_EXISTS when the document's holder already has an account, RATE_LIMITED.
   */
  async register(input: RegisterInput, client: string): Promise<Registered> {
    const { number } = input.document;
    assertStrongPassword(input.password, [number, number.replace(/[^\p{L}\p{N}]/gu, '')]);
    const claim = { claimCode: input.claimCode, document: input.document };
    // A cheap look at the code first, so that guessing codes costs no password hashing.
    await this.dataSource.transaction((manager) => this.claims.check(manager, claim, client));
    const passwordHash = await hashPassword(input.password);
    return this.dataSource.transaction(async (manager) => {
      const { credential, document } = await this.claims.check(manager, claim, client);
      const holderId = document.holderId;
      // ON CONFLICT rather than a look first: two registrations at once make one account.
      const created: unknown[] = await manager.query(
        `INSERT INTO holder_account (holder_id, password_hash, password_changed_at)
         VALUES ($1, $2, now())
         ON CONFLICT (holder_id) DO NOTHING
         RETURNING holder_id`,
        [holderId, passwordHash],
      );
      if (created.length === 0) {
        throw new AppError(
          'ACCOUNT_EXISTS',
          'There is already an account for this document: sign in, then add the code as a claim.',
        );
      }
      await this.records.markClaimed(manager, credential.id, holderId);
      await this.consents.recordDefaults(manager, holderId);
      const recoveryCodes = await this.recovery.replacePersonalCodes(manager, holderId);
      await this.audit.append(manager, {
        actor: `holder:${holderId}`,
        action: 'holder.registered',
        subject: `holder:${holderId}`,
        data: { credentialId: credential.id },
      });
      const tokens = await this.sessions.start(manager, holderId);
      return { ...tokens, credentialId: credential.id, recoveryCodes };
    });
  }

  /** @throws AppError INVALID_CREDENTIALS (after a pause), or RATE_LIMITED while locked. */
  async login(input: LoginInput, client: string): Promise<SessionTokens> {
    const accountKey = this.documents.hmacOf(input.document);
    await this.lockouts.assertLoginAllowed(accountKey, client);
    const document = await this.documents.findByDocument(input.document);
    const account = document
      ? await this.dataSource
          .getRepository(HolderAccount)
          .findOneBy({ holderId: document.holderId })
      : null;
    const valid = await verifyPassword(account?.passwordHash, input.password);
    if (!account || !valid) {
      await this.lockouts.loginFailed(accountKey, client);
      throw new AppError('INVALID_CREDENTIALS', 'The document or the password is not right.');
    }
    await this.lockouts.loginSucceeded(accountKey);
    if (needsRehash(account.passwordHash)) {
      await this.dataSource
        .getRepository(HolderAccount)
        .update(account.holderId, { passwordHash: await hashPassword(input.password) });
    }
    return this.dataSource.transaction((manager) => this.sessions.start(manager, account.holderId));
  }

  refresh(refreshToken: string): Promise<SessionTokens> {
    return this.sessions.refresh(refreshToken);
  }

  logout(sessionId: string): Promise<void> {
    return this.sessions.end(sessionId, 'LOGOUT');
  }
}
