import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { AppConfig } from '../../config/config.js';
import { InjectConfig } from '../../config/config.module.js';
import { Holder } from './entities/holder.entity.js';
import { IdentityDocument } from './entities/identity-document.entity.js';
import { HolderDocumentsService } from './holder-documents.service.js';
import {
  documentHmac,
  last4,
  normaliseCountry,
  type DocumentInput,
  type DocumentType,
} from './holder-identity.js';

export interface FindOrCreateHolderInput {
  /** At least one; the first is the document the credential names. */
  documents: DocumentInput[];
  givenNames: string;
  familyNames: string;
}

export interface FoundHolder {
  holder: Holder;
  /** The stored record of the first input document. */
  document: IdentityDocument;
}

/** Where each input of `findOrCreateMany` landed: its holder and its first document. */
export interface FoundHolderIds {
  holderId: string;
  /** The stored record of the input's first document. */
  documentId: string;
}

/** A document as stored: keyed hash and last four, no number. */
interface HashedDocument {
  type: DocumentType;
  issuingCountry: string;
  numberHmac: string;
  last4: string;
}

const keyOf = (doc: { type: string; issuingCountry: string; numberHmac: string }) =>
  `${doc.type}|${doc.issuingCountry}|${doc.numberHmac}`;

/** A fixed order, independent of locale, for inserting documents. */
const byKey = (a: HashedDocument, b: HashedDocument) =>
  keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0;

// Accented Latin letters and their plain forms, for searching names without regard to accents:
// PostgreSQL's own unaccent is an extension the embedded server does not ship.
const ACCENTED = 'ÁÀÂÄÃÅáàâäãåÉÈÊËéèêëÍÌÎÏíìîïÓÒÔÖÕóòôöõÚÙÛÜúùûüÇçÑñÝýÿ';
const PLAIN = 'aaaaaaaaaaaaeeeeeeeeiiiiiiiioooooooooouuuuuuuuccnnyyy';
const foldedName = (alias: string) =>
  `lower(translate(coalesce(${alias}.given_names, '') || ' ' || coalesce(${alias}.family_names, ''), '${ACCENTED}', '${PLAIN}'))`;

/** A search text folded as `foldedName` folds names: lower case, accents removed. */
function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Attempts before giving up on a holder being created by concurrent transactions. */
const MAX_ATTEMPTS = 3;

/**
 * Holder identity: who a credential was issued to, recognised by any of their identity documents.
 * Document numbers arrive in clear and leave as HMACs; they are never stored nor logged.
 */
@Injectable()
export class HolderIdentityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly documents: HolderDocumentsService,
  ) {}

  /**
   * Finds the holder known by any of the given documents, or creates one, and links to that holder
   * every given document not yet known. Runs in the caller's transaction: `manager` must be that
   * transaction's EntityManager (its documents and holder are written with the caller's rows, all
   * or nothing). Expects READ COMMITTED, PostgreSQL's default.
   *
   * - The holder is the one of the first given document (in input order) that is already known.
   * - If the documents are known under two different holders, they are NOT merged: we cannot tell
   *   here whether they are one person (a PEP that became a PPT) or a clerk's typo joining two
   *   people, and a wrong merge would show one person's credentials to another. The credential goes
   *   to the first match; the other documents stay with their holder. Merging, if ever, is a
   *   deliberate act (the holder proving both documents, issue 6's claims).
   * - The names of an existing holder are kept; the names given are used only for a new holder.
   * - Concurrency: a document belongs to one holder by the unique index
   *   `ux_identity_document_number`, never by check-then-insert. Documents are inserted with
   *   `ON CONFLICT DO NOTHING` in a fixed order (so two transactions cannot deadlock on them). If a
   *   new holder loses any of its documents to a concurrent transaction, that holder is removed
   *   again and the lookup is repeated, so one person never ends up as two holders.
   *
   * @throws TypeError for no documents or a malformed document (unknown type, bad country, a
   *   number with no letter nor digit): input is validated before it gets here.
   */
  async findOrCreateByDocuments(
    manager: EntityManager,
    input: FindOrCreateHolderInput,
  ): Promise<FoundHolder> {
    if (!Array.isArray(input.documents) || input.documents.length === 0) {
      throw new TypeError('findOrCreateByDocuments needs at least one document');
    }
    const hashed = this.hashDocuments(input.documents);
    const firstKey = keyOf(hashed[0]);
    await this.documents.rekeyLegacy(manager, input.documents);

    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const known = await this.findDocuments(manager, hashed);
      const firstKnown = hashed.map((doc) => known.get(keyOf(doc))).find((doc) => doc);
      let holder: Holder;
      if (firstKnown) {
        holder = await manager.findOneByOrFail(Holder, { id: firstKnown.holderId });
        // A conflict here means a concurrent transaction linked that document to someone: it
        // stays there, as if it had been known before (no silent merge).
        await this.insertDocuments(
          manager,
          holder.id,
          hashed.filter((doc) => !known.has(keyOf(doc))),
        );
      } else {
        holder = await manager.save(
          Holder,
          manager.create(Holder, {
            givenNames: input.givenNames,
            familyNames: input.familyNames,
            erasedAt: null,
          }),
        );
        const inserted = await this.insertDocuments(manager, holder.id, hashed);
        if (inserted < hashed.length) {
          // Another transaction registered one of these documents meanwhile: undo our holder
          // and look again, now finding theirs.
          await manager.delete(IdentityDocument, { holderId: holder.id });
          await manager.delete(Holder, { id: holder.id });
          continue;
        }
      }
      const document = (await this.findDocuments(manager, [hashed[0]])).get(firstKey);
      if (!document) throw new Error('The first identity document vanished while being linked');
      return { holder, document };
    }
    throw new Error(
      `Could not find or create a holder after ${MAX_ATTEMPTS} attempts (concurrent changes to the same documents)`,
    );
  }

  /**
   * `findOrCreateByDocuments` for many inputs at once (a batch of credentials): the same rules
   * and the same outcome as calling it for each input in order, in three set-based statements
   * per pass instead of several per input. An input that shares a document with an earlier one
   * waits for a later pass, where it finds the holder the earlier one got. An input that loses a
   * document to a concurrent transaction takes the one-by-one path. Runs in the caller's
   * transaction (see `findOrCreateByDocuments`).
   *
   * @returns for each input, in input order, its holder and the record of its first document.
   * @throws TypeError as `findOrCreateByDocuments` does.
   */
  async findOrCreateMany(
    manager: EntityManager,
    inputs: FindOrCreateHolderInput[],
  ): Promise<FoundHolderIds[]> {
    const hashed = inputs.map((input) => {
      if (!Array.isArray(input.documents) || input.documents.length === 0) {
        throw new TypeError('findOrCreateMany needs at least one document per input');
      }
      return this.hashDocuments(input.documents);
    });
    await this.documents.rekeyLegacy(
      manager,
      inputs.flatMap((input) => input.documents),
    );
    const found: FoundHolderIds[] = new Array<FoundHolderIds>(inputs.length);
    let pending = inputs.map((_, i) => i);
    while (pending.length > 0) {
      const seen = new Set<string>();
      const pass: number[] = [];
      const later: number[] = [];
      for (const i of pending) {
        const keys = hashed[i].map(keyOf);
        (keys.some((key) => seen.has(key)) ? later : pass).push(i);
        for (const key of keys) seen.add(key);
      }
      await this.linkPass(manager, inputs, hashed, pass, found);
      pending = later;
    }
    return found;
  }

  // One pass of findOrCreateMany: no two of its inputs share a document.
  private async linkPass(
    manager: EntityManager,
    inputs: FindOrCreateHolderInput[],
    hashed: HashedDocument[][],
    pass: number[],
    found: FoundHolderIds[],
  ): Promise<void> {
    type Row = { id: string; holder_id: string } & Record<string, string>;
    const mapByKey = (rows: Row[]) =>
      new Map(
        rows.map((row) => [
          keyOf({
            type: row.type,
            issuingCountry: row.issuing_country,
            numberHmac: row.number_hmac,
          }),
          { id: row.id, holderId: row.holder_id },
        ]),
      );
    const columns = (docs: HashedDocument[]) => [
      docs.map((doc) => doc.type),
      docs.map((doc) => doc.issuingCountry),
      docs.map((doc) => doc.numberHmac),
    ];
    const known = mapByKey(
      await manager.query<Row[]>(
        `SELECT id, holder_id, type, issuing_country, number_hmac FROM identity_document
         WHERE (type, issuing_country, number_hmac) IN
           (SELECT * FROM unnest($1::text[], $2::char(2)[], $3::text[]))`,
        columns(pass.flatMap((i) => hashed[i])),
      ),
    );
    const holderOf = new Map<number, { holderId: string; isNew: boolean }>();
    const newHolders: { id: string; input: FindOrCreateHolderInput }[] = [];
    const toInsert: { holderId: string; doc: HashedDocument }[] = [];
    for (const i of pass) {
      const firstKnown = hashed[i].map((doc) => known.get(keyOf(doc))).find((doc) => doc);
      const holderId = firstKnown?.holderId ?? randomUUID();
      holderOf.set(i, { holderId, isNew: !firstKnown });
      if (!firstKnown) newHolders.push({ id: holderId, input: inputs[i] });
      for (const doc of hashed[i]) if (!known.has(keyOf(doc))) toInsert.push({ holderId, doc });
    }
    if (newHolders.length > 0) {
      await manager.query(
        `INSERT INTO holder (id, given_names, family_names)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])`,
        [
          newHolders.map((h) => h.id),
          newHolders.map((h) => h.input.givenNames),
          newHolders.map((h) => h.input.familyNames),
        ],
      );
    }
    // A fixed order, as in insertDocuments, so two transactions cannot deadlock on documents.
    toInsert.sort((a, b) => byKey(a.doc, b.doc));
    const inserted = mapByKey(
      toInsert.length === 0
        ? []
        : await manager.query<Row[]>(
            `INSERT INTO identity_document (holder_id, type, issuing_country, number_hmac, last4)
             SELECT * FROM unnest($1::uuid[], $2::text[], $3::char(2)[], $4::text[], $5::text[])
             ON CONFLICT (type, issuing_country, number_hmac) DO NOTHING
             RETURNING id, holder_id, type, issuing_country, number_hmac`,
            [
              toInsert.map((entry) => entry.holderId),
              ...columns(toInsert.map((entry) => entry.doc)),
              toInsert.map((entry) => entry.doc.last4),
            ],
          ),
    );
    for (const i of pass) {
      const { holderId, isNew } = holderOf.get(i)!;
      const lost = hashed[i].some((doc) => !known.has(keyOf(doc)) && !inserted.has(keyOf(doc)));
      const first = known.get(keyOf(hashed[i][0])) ?? inserted.get(keyOf(hashed[i][0]));
      if (first && !(isNew && lost)) {
        found[i] = { holderId, documentId: first.id };
        continue;
      }
      // A concurrent transaction registered one of these documents meanwhile: undo a new
      // holder and settle this input the one-by-one way, which finds theirs.
      if (isNew) {
        await manager.delete(IdentityDocument, { holderId });
        await manager.delete(Holder, { id: holderId });
      }
      const { holder, document } = await this.findOrCreateByDocuments(manager, inputs[i]);
      found[i] = { holderId: holder.id, documentId: document.id };
    }
  }

  /** The holder with that id, or null. */
  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Holder | null> {
    return manager.findOneBy(Holder, { id });
  }

  /**
   * A subquery of the ids of the holders whose names contain `fragment`, case and accents aside
   * (`jose` finds José, `PEREZ` Pérez; erased holders have no names), for another module's query
   * to filter on. Parameter names are prefixed so they cannot clash with the caller's.
   */
  holderIdsNamedLike(fragment: string): { sql: string; parameters: Record<string, unknown> } {
    const pattern = `%${foldForSearch(fragment).replace(/[\\%_]/g, '\\$&')}%`;
    const query = this.dataSource
      .getRepository(Holder)
      .createQueryBuilder('named_holder')
      .select('named_holder.id')
      .where(`${foldedName('named_holder')} LIKE :holderNamePattern`, {
        holderNamePattern: pattern,
      });
    return { sql: query.getQuery(), parameters: query.getParameters() };
  }

  /** The display names ("given family") of those holders that still have them, by id. */
  async namesOf(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const holders = await this.dataSource.getRepository(Holder).find({
      select: { id: true, givenNames: true, familyNames: true },
      where: { id: In(unique) },
    });
    return new Map(
      holders
        .filter((holder) => holder.givenNames !== null || holder.familyNames !== null)
        .map((holder) => [
          holder.id,
          [holder.givenNames, holder.familyNames].filter((part) => part).join(' '),
        ]),
    );
  }

  /** The hashed form of each input document, duplicates removed, input order kept. */
  private hashDocuments(documents: DocumentInput[]): HashedDocument[] {
    const pepper = this.config.secrets.HOLDER_ID_PEPPER;
    const byKey = new Map<string, HashedDocument>();
    for (const document of documents) {
      const hashedDocument: HashedDocument = {
        type: document.type,
        issuingCountry: normaliseCountry(document.country),
        numberHmac: documentHmac(pepper, document),
        last4: last4(document.number),
      };
      if (!byKey.has(keyOf(hashedDocument))) byKey.set(keyOf(hashedDocument), hashedDocument);
    }
    return [...byKey.values()];
  }

  private async findDocuments(
    manager: EntityManager,
    documents: HashedDocument[],
  ): Promise<Map<string, IdentityDocument>> {
    const found = await manager.find(IdentityDocument, {
      where: documents.map(({ type, issuingCountry, numberHmac }) => ({
        type,
        issuingCountry,
        numberHmac,
      })),
    });
    return new Map(found.map((doc) => [keyOf(doc), doc]));
  }

  /** Inserts the documents for that holder, skipping those already taken; returns how many were inserted. */
  private async insertDocuments(
    manager: EntityManager,
    holderId: string,
    documents: HashedDocument[],
  ): Promise<number> {
    let inserted = 0;
    for (const doc of [...documents].sort(byKey)) {
      const rows: unknown[] = await manager.query(
        `INSERT INTO identity_document (holder_id, type, issuing_country, number_hmac, last4)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (type, issuing_country, number_hmac) DO NOTHING
         RETURNING id`,
        [holderId, doc.type, doc.issuingCountry, doc.numberHmac, doc.last4],
      );
      inserted += rows.length;
    }
    return inserted;
  }
}
