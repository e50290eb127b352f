import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { AppConfig } from '../../config/config.js';
import { InjectConfig } from '../../config/config.module.js';
import { Holder } from './entities/holder.entity.js';
import { IdentityDocument } from './entities/identity-document.entity.js';
import { documentHmac, normaliseCountry, type DocumentInput } from './holder-identity.js';

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
  ) {}

  /** The keyed hash of a document as stored; also what lockouts count failures by. */
  hmacOf(document: DocumentInput): string {
    return documentHmac(this.config.secrets.HOLDER_ID_PEPPER, document);
  }

  /** The stored document a person typed in, however they typed the number; or null. */
  findByDocument(
    document: DocumentInput,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<IdentityDocument | null> {
    return manager.findOneBy(IdentityDocument, {
      type: document.type,
      issuingCountry: normaliseCountry(document.country),
      numberHmac: this.hmacOf(document),
    });
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
