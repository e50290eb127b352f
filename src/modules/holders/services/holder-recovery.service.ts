import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { actorOf, type Principal } from '../../../common/auth/principal.js';
import { AppError } from '../../../common/errors/app-error.js';
import { AuditService } from '../../audit/audit.service.js';
import { hashClaimCode, newClaimCode } from '../../credentials/credential-secrets.js';
import {
  CredentialRecordsService,
  type CredentialRecord,
} from '../../credentials/services/credential-records.service.js';
import { HolderDocumentsService } from '../../holder-identity/holder-documents.service.js';
import { normaliseCountry, type DocumentInput } from '../../holder-identity/holder-identity.js';
import { HolderIdentityService } from '../../holder-identity/holder-identity.service.js';
import { HolderAccount } from '../entities/holder-account.entity.js';
import {
  HolderRecoveryCode,
  type RecoveryCodeKind,
} from '../entities/holder-recovery-code.entity.js';
import { assertStrongPassword } from '../password-policy.js';
import { hashPassword } from '../passwords.js';
import { HolderConsentsService } from './holder-consents.service.js';
import { HolderSessionsService, type SessionTokens } from './holder-sessions.service.js';
import { LockoutsService } from './lockouts.service.js';

/** How many printable codes a holder gets at sign-up, and again when they regenerate them. */
export const RECOVERY_CODE_COUNT = 10;
/** An assisted code is good for this long: the person was just at the issuer's desk. */
export const ASSISTED_CODE_HOURS = 72;
const HOUR_MS = 60 * 60 * 1000;

// Same format and strength as claim codes (80 random bits, Crockford base32, typing-tolerant):
// high entropy, so a SHA-256 is the right hash and a code can be looked up by it.
const newRecoveryCode = newClaimCode;
const hashRecoveryCode = hashClaimCode;

export interface RecoverInput {
  document: DocumentInput;
  recoveryCode: string;
  password: string;
}

export interface Recovered extends SessionTokens {
  recoveredWith: RecoveryCodeKind;
  /** The credential an assisted code brought into the account; null for a personal code. */
  credentialId: string | null;
}

export interface AssistedRecoveryCode {
  recoveryCode: string;
  expiresAt: Date;
}

type Redeemed = { ok: true; recovered: Recovered } | { ok: false };

/** The holder's names as the signed credential states them (a holder made anew after erasure). */
function namesIn(document: Record<string, unknown>): { givenNames: string; familyNames: string } {
  const subject = document.credentialSubject as { name?: Record<string, unknown> } | undefined;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    givenNames: text(subject?.name?.givenNames),
    familyNames: text(subject?.name?.familyNames),
  };
}

type IssuerOrAdmin = Extract<Principal, { kind: 'issuer' } | { kind: 'admin' }>;

/**
 * Account recovery without email. A holder's printable personal codes reset their password;
 * an assisted code, issued by an issuer or the operator who checked the person's identity,
 * resets it or opens a new account for the holder of one credential, also after an erasure.
 */
@Injectable()
export class HolderRecoveryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly documents: HolderDocumentsService,
    private readonly identity: HolderIdentityService,
    private readonly records: CredentialRecordsService,
    private readonly sessions: HolderSessionsService,
    private readonly consents: HolderConsentsService,
    private readonly lockouts: LockoutsService,
    private readonly audit: AuditService,
  ) {}

  /** Replaces a holder's personal codes by fresh ones, in the caller's transaction. */
  async replacePersonalCodes(manager: EntityManager, holderId: string): Promise<string[]> {
    await manager.delete(HolderRecoveryCode, { holderId, kind: 'PERSONAL' });
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => newRecoveryCode());
    await manager.insert(
      HolderRecoveryCode,
      codes.map((code) => ({
        kind: 'PERSONAL' as const,
        codeHash: hashRecoveryCode(code),
        holderId,
        credentialId: null,
        documentHmac: null,
        issuedBy: null,
        expiresAt: null,
        usedAt: null,
      })),
    );
    return codes;
  }

  /** New personal codes for a signed-in holder: the old ones stop working. */
  async regenerate(holderId: string): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const codes = await this.replacePersonalCodes(manager, holderId);
      await this.audit.append(manager, {
        actor: `holder:${holderId}`,
        action: 'holder.recovery_codes_regenerated',
        subject: `holder:${holderId}`,
        data: { count: codes.length },
      });
      return codes;
    });
  }

  /** How many of a holder's personal codes are still unused. */
  async remainingPersonalCodes(holderId: string): Promise<number> {
    return this.dataSource
      .getRepository(HolderRecoveryCode)
      .countBy({ holderId, kind: 'PERSONAL', usedAt: IsNull() });
  }

  /** Personal codes go with the account at erasure. */
  async erasePersonalCodes(manager: EntityManager, holderId: string): Promise<void> {
    await manager.delete(HolderRecoveryCode, { holderId });
  }

  /**
   * An assisted code for the holder of a credential, after the caller checked the person's
   * identity against `document`: the document the credential was issued under (type and
   * country always; the number too, unless the holder's data was erased, when only the issuer's
   * check is left). An issuer reaches only its own credentials; the operator any. Earlier unused
   * assisted codes of the credential stop working.
   *
   * @throws AppError NOT_FOUND (unknown, or another issuer's), NO_CLAIM_CODE (no holder),
   *   ALREADY_REVOKED, DOCUMENT_MISMATCH.
   */
  async issueAssisted(
    principal: IssuerOrAdmin,
    credentialId: string,
    document: DocumentInput,
    reason: string,
  ): Promise<AssistedRecoveryCode> {
    const record = await this.credentialFor(principal, credentialId);
    if (!record.identityDocumentId) {
      throw new AppError(
        'NO_CLAIM_CODE',
        `Credential ${credentialId} was issued without a holder.`,
      );
    }
    if (record.status === 'REVOKED') {
      throw new AppError('ALREADY_REVOKED', `Credential ${credentialId} is revoked.`);
    }
    const issuedUnder = await this.documents.documentById(record.identityDocumentId);
    const holder = issuedUnder ? await this.documents.holderOf(issuedUnder.holderId) : null;
    const documentHmac = this.documents.hmacOf(document);
    const sameDocument =
      issuedUnder !== null &&
      issuedUnder.type === document.type &&
      issuedUnder.issuingCountry === normaliseCountry(document.country) &&
      (holder?.erasedAt ? true : issuedUnder.numberHmac === documentHmac);
    if (!sameDocument) {
      throw new AppError(
        'DOCUMENT_MISMATCH',
        `Credential ${credentialId} was not issued under this document.`,
        { errors: [{ path: 'documentNumber', message: 'is not the credential’s document' }] },
      );
    }
    const recoveryCode = newRecoveryCode();
    const expiresAt = new Date(Date.now() + ASSISTED_CODE_HOURS * HOUR_MS);
    const actor = actorOf(principal);
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(HolderRecoveryCode, {
        credentialId,
        kind: 'ASSISTED',
        usedAt: IsNull(),
      });
      await manager.insert(HolderRecoveryCode, {
        kind: 'ASSISTED',
        codeHash: hashRecoveryCode(recoveryCode),
        holderId: null,
        credentialId,
        documentHmac,
        issuedBy: actor,
        expiresAt,
        usedAt: null,
      });
      await this.audit.append(manager, {
        actor,
        action: 'holder.assisted_recovery_code_issued',
        subject: `credential:${credentialId}`,
        data: { reason, expiresAt: expiresAt.toISOString(), erased: Boolean(holder?.erasedAt) },
      });
    });
    return { recoveryCode, expiresAt };
  }

  /**
   * Sets a new password with a recovery code and the person's document, and signs them in. A
   * personal code works for its own holder's document only. An assisted code works with the
   * document it was issued for: that document's account gets the new password, or, when it has
   * none (never opened, or erased), a new account is opened; the code's credential is linked to
   * it either way. Failures count like failed sign-ins (per document and per client).
   *
   * @throws AppError WEAK_PASSWORD, INVALID_RECOVERY_CODE (unknown, used, expired or another
   *   document's code, all alike), RATE_LIMITED while locked.
   */
  async recover(input: RecoverInput, client: string): Promise<Recovered> {
    const { number } = input.document;
    assertStrongPassword(input.password, [number, number.replace(/[^\p{L}\p{N}]/gu, '')]);
    const accountKey = this.documents.hmacOf(input.document);
    await this.lockouts.assertLoginAllowed(accountKey, client);
    const passwordHash = await hashPassword(input.password);
    const outcome = await this.dataSource.transaction((manager) =>
      this.redeem(manager, input, accountKey, passwordHash),
    );
    if (!outcome.ok) {
      await this.lockouts.loginFailed(accountKey, client);
      throw new AppError(
        'INVALID_RECOVERY_CODE',
        'This recovery code is not valid for this document, or it was already used.',
      );
    }
    await this.lockouts.loginSucceeded(accountKey);
    return outcome.recovered;
  }

  private async redeem(
    manager: EntityManager,
    input: RecoverInput,
    documentHmac: string,
    passwordHash: string,
  ): Promise<Redeemed> {
    const code = await manager.findOne(HolderRecoveryCode, {
      where: { codeHash: hashRecoveryCode(input.recoveryCode) },
      lock: { mode: 'pessimistic_write' },
    });
    const now = new Date();
    if (!code || code.usedAt || (code.expiresAt && code.expiresAt.getTime() <= now.getTime())) {
      return { ok: false };
    }
    const document = await this.documents.findByDocument(input.document, manager);
    if (code.kind === 'PERSONAL') {
      if (!document || document.holderId !== code.holderId) return { ok: false };
      await manager.update(HolderRecoveryCode, code.id, { usedAt: now });
      await this.setPassword(manager, document.holderId, passwordHash);
      await this.audit.append(manager, {
        actor: `holder:${document.holderId}`,
        action: 'holder.password_recovered',
        subject: `holder:${document.holderId}`,
        data: { with: 'PERSONAL' },
      });
      const tokens = await this.sessions.start(manager, document.holderId);
      return { ok: true, recovered: { ...tokens, recoveredWith: 'PERSONAL', credentialId: null } };
    }
    if (code.documentHmac !== documentHmac || !code.credentialId) return { ok: false };
    const [credential] = await this.records.findByIds([code.credentialId]);
    if (!credential) return { ok: false };
    const holderId = document
      ? document.holderId
      : (
          await this.identity.findOrCreateByDocuments(manager, {
            documents: [input.document],
            ...namesIn(credential.document),
          })
        ).holder.id;
    await manager.update(HolderRecoveryCode, code.id, { usedAt: now });
    const accountOpened = await this.setPassword(manager, holderId, passwordHash);
    await this.linkCredential(manager, credential, holderId);
    await this.audit.append(manager, {
      actor: `holder:${holderId}`,
      action: 'holder.password_recovered',
      subject: `holder:${holderId}`,
      data: { with: 'ASSISTED', credentialId: credential.id, accountOpened },
    });
    const tokens = await this.sessions.start(manager, holderId);
    return {
      ok: true,
      recovered: { ...tokens, recoveredWith: 'ASSISTED', credentialId: credential.id },
    };
  }

  /**
   * The new password of a holder's account, ending its other sessions; or a new account, with
   * the default consents, when the holder has none. Returns whether an account was opened.
   */
  private async setPassword(
    manager: EntityManager,
    holderId: string,
    passwordHash: string,
  ): Promise<boolean> {
    const updated = await manager.update(
      HolderAccount,
      { holderId },
      { passwordHash, passwordChangedAt: new Date() },
    );
    if ((updated.affected ?? 0) > 0) {
      await this.sessions.endAll(manager, holderId, 'RECOVERY');
      return false;
    }
    await manager.insert(HolderAccount, { holderId, passwordHash, passwordChangedAt: new Date() });
    await this.consents.recordDefaults(manager, holderId);
    return true;
  }

  /** The credential becomes the holder's: its claim code, if still unused, is spent. */
  private async linkCredential(
    manager: EntityManager,
    credential: CredentialRecord,
    holderId: string,
  ): Promise<void> {
    if (credential.holderId !== holderId || !credential.claimCodeUsedAt) {
      await this.records.markClaimed(manager, credential.id, holderId);
    }
  }

  private async credentialFor(
    principal: IssuerOrAdmin,
    credentialId: string,
  ): Promise<CredentialRecord> {
    if (principal.kind === 'issuer')
      return this.records.requireOwn(principal.issuerId, credentialId);
    const [record] = await this.records.findByIds([credentialId]);
    if (!record) throw new AppError('NOT_FOUND', `No credential ${credentialId}.`);
    return record;
  }
}
