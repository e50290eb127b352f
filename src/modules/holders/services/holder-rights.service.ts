import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError } from '../../../common/errors/app-error.js';
import { AuditService } from '../../audit/audit.service.js';
import { StatisticsRecordsService } from '../../statistics/statistics-records.service.js';
import { CredentialRecordsService } from '../../credentials/services/credential-records.service.js';
import { VerificationAnswersService } from '../../verifiers/verification-answers.service.js';
import { HolderAccount } from '../entities/holder-account.entity.js';
import { SharesService, type ShareView } from '../../holder-shares/shares.service.js';
import { HolderConsentsService, type ConsentsView } from './holder-consents.service.js';
import { HolderErasureHooks } from './holder-erasure-hooks.service.js';
import {
  documentView,
  HolderDocumentsService,
  type DocumentView,
} from '../../holder-identity/holder-documents.service.js';
import { HolderRecordsService, type HolderCredentialView } from './holder-records.service.js';
import { HolderRecoveryService } from './holder-recovery.service.js';
import { HolderSessionsService, type SessionView } from './holder-sessions.service.js';

export interface VerificationEventView {
  credentialId: string;
  /** The share the check came through; null for the permanent verify link. */
  shareId: string | null;
  at: Date;
  country: string | null;
  purpose: string | null;
  status: string;
  outcome: string | null;
}

export interface HolderExport {
  exportedAt: Date;
  holder: {
    id: string;
    givenNames: string | null;
    familyNames: string | null;
    createdAt: Date;
    /** The time zone the portal shows times in, when one was chosen or taken from the browser. */
    timeZone: string | null;
  };
  documents: (DocumentView & { addedAt: Date })[];
  credentials: (HolderCredentialView & { verifiableCredential: unknown })[];
  shares: ShareView[];
  events: VerificationEventView[];
  consents: ConsentsView;
  sessions: SessionView[];
}

export interface ErasureResult {
  erasedAt: Date;
}

/**
 * The holder's rights: everything held about them, as JSON (portability); the checks of their
 * links; erasure of their personal data while their credentials stay verifiable.
 */
@Injectable()
export class HolderRightsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly documents: HolderDocumentsService,
    private readonly records: HolderRecordsService,
    private readonly credentialRecords: CredentialRecordsService,
    private readonly shares: SharesService,
    private readonly consents: HolderConsentsService,
    private readonly sessions: HolderSessionsService,
    private readonly recovery: HolderRecoveryService,
    private readonly verifiers: VerificationAnswersService,
    private readonly audit: AuditService,
    private readonly statistics: StatisticsRecordsService,
    private readonly erasureHooks: HolderErasureHooks,
  ) {}

  /** When, from which declared country and for what, and with what outcome a share was checked. */
  async shareEvents(holderId: string, shareId: string): Promise<VerificationEventView[]> {
    const share = await this.shares.get(holderId, shareId);
    const events = await this.verifiers.listEvents({
      credentialIds: share.credentialIds,
      shareId: share.id,
    });
    return events.map(eventView);
  }

  async export(holderId: string, sessionId: string): Promise<HolderExport> {
    const holder = await this.documents.holderOf(holderId);
    if (!holder) throw new AppError('NOT_FOUND', 'No such holder.');
    const documents = await this.documents.documentsOf(holderId);
    const credentials = await this.credentialRecords.listForHolder(
      holderId,
      documents.map((d) => d.id),
    );
    const views = new Map((await this.records.list(holderId)).map((view) => [view.id, view]));
    const account = await this.dataSource.manager.findOneBy(HolderAccount, { holderId });
    const events = await this.verifiers.listEvents({ credentialIds: credentials.map((c) => c.id) });
    return {
      exportedAt: new Date(),
      holder: {
        id: holder.id,
        givenNames: holder.givenNames,
        familyNames: holder.familyNames,
        createdAt: holder.createdAt,
        timeZone: account?.timeZone ?? null,
      },
      documents: documents.map((d) => ({ ...documentView(d), addedAt: d.createdAt })),
      credentials: credentials.map((c) => ({
        ...views.get(c.id)!,
        verifiableCredential: c.jwt ?? c.document,
      })),
      shares: await this.shares.list(holderId),
      events: events.map(eventView),
      consents: await this.consents.get(holderId),
      sessions: await this.sessions.list(holderId, sessionId),
    };
  }

  /**
   * Erases the holder's personal data in one transaction: names, document hashes and last fours,
   * the password and its recovery codes, sessions (refresh tokens deleted), share labels (shares revoked), consents
   * withdrawn, statistics records and their annexes deleted, and whatever the modules above
   * registered with HolderErasureHooks (a recognition case's files). The credentials, their signed documents and their status are not touched, so
   * whoever already holds one can still verify it; verification events keep no personal data.
   */
  async erase(holderId: string): Promise<ErasureResult> {
    const erasedAt = new Date();
    await this.dataSource.transaction(async (manager) => {
      const documents = await this.documents.erase(manager, holderId);
      await this.recovery.erasePersonalCodes(manager, holderId);
      await manager.delete(HolderAccount, { holderId });
      const sessions = await this.sessions.endAll(manager, holderId, 'ERASURE');
      const shares = await this.shares.revokeAll(manager, holderId);
      await this.consents.withdrawAll(manager, holderId);
      const statisticsRecords = await this.statistics.erase(manager, holderId);
      const erasedElsewhere = await this.erasureHooks.run(manager, holderId);
      await this.audit.append(manager, {
        actor: `holder:${holderId}`,
        action: 'holder.erased',
        subject: `holder:${holderId}`,
        data: {
          documents,
          sessionsEnded: sessions,
          sharesRevoked: shares,
          statisticsRecords,
          ...erasedElsewhere,
        },
      });
    });
    return { erasedAt };
  }
}

function eventView(event: {
  credentialId: string;
  shareId: string | null;
  at: Date;
  country: string | null;
  purpose: string | null;
  status: string;
  outcome: string | null;
}): VerificationEventView {
  const { credentialId, shareId, at, country, purpose, status, outcome } = event;
  return { credentialId, shareId, at, country: country?.trim() ?? null, purpose, status, outcome };
}
