import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError } from '../../../common/errors/app-error.js';
import type { Lang } from '../../../common/i18n/i18n.js';
import { isOpenBadgeCredential, readCertification } from '../../../vc/open-badges.js';
import { AuditService } from '../../audit/audit.service.js';
import {
  CredentialRecordsService,
  type CredentialRecord,
} from '../../credentials/services/credential-records.service.js';
import { IssuanceService } from '../../credentials/services/issuance.service.js';
import { IssuersService, type Issuer } from '../../registry/services/issuers.service.js';
import { renderCredentialPdf, type PrintedStatus } from '../credential-pdf.js';
import {
  documentView,
  HolderDocumentsService,
  type DocumentView,
  type IdentityDocument,
} from '../../holder-identity/holder-documents.service.js';

export interface HolderCredentialView {
  id: string;
  type: string;
  /** How it was issued: `openbadges-3.0` is an Open Badge, secured as `di`. */
  format: 'di' | 'jwt' | 'openbadges-3.0';
  /** As the issuer set it (ACTIVE, SUSPENDED, REVOKED)… */
  status: string;
  /** …and whether its validity has ended. */
  expired: boolean;
  /** What was certified: the title, the standard or the decision. */
  summary: string;
  issuer: { slug: string | null; name: string | null; country: string | null };
  validFrom: Date;
  validUntil: Date | null;
  issuedAt: Date;
  /** The document it was issued under; null if that document is no longer the holder's. */
  document: DocumentView | null;
  verifyUrl: string;
  verifyLinkEnabled: boolean;
}

export interface CredentialFile {
  filename: string;
  contentType: string;
  body: string | Buffer;
}

type Subject = {
  nationalLevel?: { framework?: string; level?: number };
};

const isExpired = (record: CredentialRecord, now = new Date()) =>
  record.validUntil !== null && record.validUntil.getTime() <= now.getTime();

/**
 * What a holder sees of their credentials: every credential linked to them or issued under one of
 * their documents, the verbatim signed credential, a printable PDF, and the switch of its
 * permanent verify link. Another holder's credential is unknown (404).
 */
@Injectable()
export class HolderRecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: CredentialRecordsService,
    private readonly issuance: IssuanceService,
    private readonly documents: HolderDocumentsService,
    private readonly issuers: IssuersService,
    private readonly audit: AuditService,
  ) {}

  async list(holderId: string): Promise<HolderCredentialView[]> {
    const documents = await this.documents.documentsOf(holderId);
    const records = await this.records.listForHolder(
      holderId,
      documents.map((d) => d.id),
    );
    const issuers = await this.issuers.byIds(records.map((record) => record.issuerId));
    return records.map((record) => this.viewOf(record, documents, issuers.get(record.issuerId)));
  }

  async get(holderId: string, id: string): Promise<HolderCredentialView> {
    const { record, documents } = await this.require(holderId, id);
    return this.viewOf(record, documents, await this.issuerOf(record));
  }

  /** The credential exactly as issued: JSON for Data Integrity, the compact JWT for VC-JWT. */
  async download(holderId: string, id: string): Promise<CredentialFile> {
    const { record } = await this.require(holderId, id);
    if (record.jwt) {
      return {
        filename: `credential-${record.id}.jwt`,
        contentType: 'application/vc+jwt',
        body: record.jwt,
      };
    }
    return {
      filename: `credential-${record.id}.json`,
      contentType: 'application/json',
      body: JSON.stringify(record.document),
    };
  }

  async pdf(holderId: string, id: string, lang: Lang): Promise<CredentialFile> {
    const { record, documents } = await this.require(holderId, id);
    const view = this.viewOf(record, documents, await this.issuerOf(record));
    // An Open Badge is printed as the certificate or title it carries.
    const reading = readCertification(record.document);
    const name = reading?.holderName;
    const level = (reading?.subject as Subject | undefined)?.nationalLevel;
    const status: PrintedStatus =
      view.expired && view.status === 'ACTIVE' ? 'EXPIRED' : (view.status as PrintedStatus);
    const body = await renderCredentialPdf({
      lang,
      id: record.id,
      type: record.type,
      title: record.summary,
      holderName: name || null,
      document: view.document,
      issuer: { name: view.issuer.name ?? '', country: view.issuer.country },
      level:
        level?.framework && level.level !== undefined ? `${level.framework} ${level.level}` : null,
      validFrom: record.validFrom,
      validUntil: record.validUntil,
      status,
      verifyUrl: view.verifyUrl,
      verifyLinkEnabled: record.verifyLinkEnabled,
      printedAt: new Date(),
    });
    return { filename: `credential-${record.id}.pdf`, contentType: 'application/pdf', body };
  }

  /** Turns the permanent verify link printed on the certificate off or back on. */
  async setVerifyLink(
    holderId: string,
    id: string,
    enabled: boolean,
  ): Promise<HolderCredentialView> {
    await this.require(holderId, id);
    await this.dataSource.transaction(async (manager) => {
      await this.records.setVerifyLinkEnabled(manager, id, enabled);
      await this.audit.append(manager, {
        actor: `holder:${holderId}`,
        action: enabled ? 'holder.verify_link_enabled' : 'holder.verify_link_disabled',
        subject: `credential:${id}`,
      });
    });
    return this.get(holderId, id);
  }

  private async require(
    holderId: string,
    id: string,
  ): Promise<{ record: CredentialRecord; documents: IdentityDocument[] }> {
    const documents = await this.documents.documentsOf(holderId);
    const record = await this.records.findForHolder(
      holderId,
      documents.map((d) => d.id),
      id,
    );
    if (!record) throw new AppError('NOT_FOUND', 'No such credential.');
    return { record, documents };
  }

  private async issuerOf(record: CredentialRecord): Promise<Issuer | undefined> {
    return (await this.issuers.byIds([record.issuerId])).get(record.issuerId);
  }

  private viewOf(
    record: CredentialRecord,
    documents: IdentityDocument[],
    issuer: Issuer | undefined,
  ): HolderCredentialView {
    const document = documents.find((d) => d.id === record.identityDocumentId);
    return {
      id: record.id,
      type: record.type,
      format: isOpenBadgeCredential(record.document) ? 'openbadges-3.0' : record.format,
      status: record.status,
      expired: isExpired(record),
      summary: record.summary,
      issuer: {
        slug: issuer?.slug ?? null,
        name: issuer?.legalName ?? null,
        country: issuer?.country ?? null,
      },
      validFrom: record.validFrom,
      validUntil: record.validUntil,
      issuedAt: record.createdAt,
      document: document ? documentView(document) : null,
      verifyUrl: this.issuance.verifyUrlFor(record.id),
      verifyLinkEnabled: record.verifyLinkEnabled,
    };
  }
}
