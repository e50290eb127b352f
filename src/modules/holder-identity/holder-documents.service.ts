import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { AppConfig } from '../../config/config.js';
import { InjectConfig } from '../../config/config.module.js';
import { Holder } from './entities/holder.entity.js';
import { IdentityDocument } from './entities/identity-document.entity.js';
import { AuditService } from '../audit/audit.service.js';
import {
  assertDocumentNumber,
  documentHmac,
  legacyDocumentHmacs,
  normaliseCountry,
  type DocumentInput,
} from './holder-identity.js';

/** What a holder is shown of a document: never the number. */
export interface DocumentView {
  type: string;
  country: string;
  last4: string;
}

export const documentView = (document: IdentityDocument): DocumentView => ({
  type: document.type,
  country: document.issuingCountry,
  last4: document.last4,
});

/**
 * A holder's identity documents as the holder portal uses them: find the document a person
 * types in, list a holder's, move one to the holder who proved it, erase them.
 */
/** The records other modules read through this service. */
export type { Holder, IdentityDocument };

@Injectable()
export class HolderDocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /**
   * The keyed hash of a document as stored; also what lockouts count failures by.
   *
   * @throws AppError DOCUMENT_NUMBER_INVALID for a number its document's rules refuse.
   */
  hmacOf(document: DocumentInput): string {
    assertDocumentNumber(document, 'document.number');
    return documentHmac(this.config.secrets.HOLDER_ID_PEPPER, document);
  }

  /**
   * The stored document a person typed in, however they typed the number; or null. A document
   * stored before its number had a canonical form is found under its old hash and re-keyed.
   *
   * @throws AppError DOCUMENT_NUMBER_INVALID for a number its document's rules refuse.
   */
  async findByDocument(
    document: DocumentInput,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<IdentityDocument | null> {
    const where = {
      type: document.type,
      issuingCountry: normaliseCountry(document.country),
      numberHmac: this.hmacOf(document),
    };
    const found = await manager.findOneBy(IdentityDocument, where);
    if (found) return found;
    if (await this.rekeyLegacy(manager, [document])) {
      return manager.findOneBy(IdentityDocument, where);
    }
    return null;
  }

  /**
   * Documents stored under a hash of an older form of their number (before the document's rule,
   * see docs/identity-documents.md) get the hash of the canonical form, so a holder registered
   * with `V-00000001` signs in with `1`. Idempotent: a re-keyed document is no longer found by
   * its old hash, and one whose canonical hash is taken (by another holder) is left alone, as
   * two holders are never merged automatically. Each change is audited, without the number.
   * Needs no transaction of the caller's; returns how many documents were re-keyed.
   */
  async rekeyLegacy(manager: EntityManager, documents: DocumentInput[]): Promise<number> {
    const pepper = this.config.secrets.HOLDER_ID_PEPPER;
    const rows: { type: string; country: string; legacy: string; canonical: string }[] = [];
    for (const document of documents) {
      const canonical = documentHmac(pepper, document);
      const country = normaliseCountry(document.country);
      for (const legacy of legacyDocumentHmacs(pepper, document)) {
        rows.push({ type: document.type, country, legacy, canonical });
      }
    }
    if (rows.length === 0) return 0;
    const rekey = async (tx: EntityManager) => {
      // Always in a transaction, so there is a query runner; an UPDATE's rows come back as the
      // `records` of its structured result.
      const { records } = await tx.queryRunner!.query(
        `WITH wanted AS (
             SELECT DISTINCT ON (v.type, v.country, v.canonical) d.id, v.canonical
               FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
                      AS v(type, country, legacy, canonical)
               JOIN identity_document d
                 ON d.type = v.type AND d.issuing_country = v.country AND d.number_hmac = v.legacy
              WHERE NOT EXISTS (
                SELECT 1 FROM identity_document c
                 WHERE c.type = v.type AND c.issuing_country = v.country
                   AND c.number_hmac = v.canonical)
              ORDER BY v.type, v.country, v.canonical, d.created_at, d.id)
           UPDATE identity_document d SET number_hmac = wanted.canonical
             FROM wanted WHERE d.id = wanted.id
           RETURNING d.id, d.holder_id, d.type, d.issuing_country`,
        [
          rows.map((r) => r.type),
          rows.map((r) => r.country),
          rows.map((r) => r.legacy),
          rows.map((r) => r.canonical),
        ],
        true,
      );
      const changed = records as {
        id: string;
        holder_id: string;
        type: string;
        issuing_country: string;
      }[];
      for (const row of changed) {
        await this.audit.append(tx, {
          actor: 'system',
          action: 'identity_document.rekeyed',
          subject: `holder:${row.holder_id}`,
          data: { documentId: row.id, type: row.type, country: row.issuing_country },
        });
      }
      return changed.length;
    };
    return manager.queryRunner?.isTransactionActive
      ? rekey(manager)
      : this.dataSource.transaction(rekey);
  }

  /** A stored document by its id (the one a credential was issued under), or null. */
  documentById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<IdentityDocument | null> {
    return manager.findOneBy(IdentityDocument, { id });
  }

  holderOf(holderId: string): Promise<Holder | null> {
    return this.dataSource.getRepository(Holder).findOneBy({ id: holderId });
  }

  documentsOf(
    holderId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<IdentityDocument[]> {
    return manager.find(IdentityDocument, {
      where: { holderId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  async documentIdsOf(
    holderId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string[]> {
    return (await this.documentsOf(holderId, manager)).map((document) => document.id);
  }

  /** Links a document to the holder who proved it is theirs (with a claim code). */
  async moveTo(manager: EntityManager, documentId: string, holderId: string): Promise<void> {
    await manager.update(IdentityDocument, documentId, { holderId });
  }

  /**
   * Deletes a holder that no document identifies any more (all of them claimed by another
   * holder), once its credentials have been moved. Only for holders without an account.
   */
  async removeEmptyHolder(manager: EntityManager, holderId: string): Promise<boolean> {
    if ((await this.documentsOf(holderId, manager)).length > 0) return false;
    await manager.delete(Holder, { id: holderId });
    return true;
  }

  /**
   * Erases a holder's personal data: names blanked, and each document's hash and last four
   * replaced by random values that link to nothing. The rows stay, as the credentials refer to
   * them; the same document issued again later makes a new holder.
   */
  async erase(manager: EntityManager, holderId: string): Promise<number> {
    await manager.update(Holder, holderId, {
      givenNames: null,
      familyNames: null,
      erasedAt: new Date(),
    });
    const documents = await this.documentsOf(holderId, manager);
    for (const document of documents) {
      await manager.update(IdentityDocument, document.id, {
        numberHmac: `erased:${randomBytes(32).toString('hex')}`,
        last4: '',
      });
    }
    return documents.length;
  }
}
