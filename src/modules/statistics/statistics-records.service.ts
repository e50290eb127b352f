import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHmac } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { AppConfig } from '../../config/config.js';
import { InjectConfig } from '../../config/config.module.js';
import { ReferenceService } from '../reference/reference.service.js';
import { StatisticsExclusion } from './entities/statistics-exclusion.entity.js';
import { StatisticsRecord } from './entities/statistics-record.entity.js';
import {
  decisionFacts,
  type CertificationFacts,
  type StatisticsAnnex,
} from './statistics-annex.js';

/** One certification's record as aggregates read it. */
export type CountedRecord = Pick<
  StatisticsRecord,
  | 'subjectKey'
  | 'issuerCountry'
  | 'credentialType'
  | 'issuedMonth'
  | 'iscoMajor'
  | 'metaLevel'
  | 'sex'
  | 'nationality'
  | 'migrationStatus'
  | 'ageBand'
  | 'disability'
  | 'ethnicity'
  | 'decisionOutcome'
  | 'originCountry'
>;

/**
 * Writes and erases the pseudonymised records statistics count, and keeps the holders who
 * withdrew consent out of them. Issuance and the holder's rights call it inside their own
 * transactions; it reads nothing of theirs.
 */
@Injectable()
export class StatisticsRecordsService {
  private readonly pseudonymKey: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() config: AppConfig,
    private readonly reference: ReferenceService,
  ) {
    // A key of its own, so that the pseudonym matches no HMAC stored elsewhere.
    this.pseudonymKey = createHmac('sha256', config.secrets.HOLDER_ID_PEPPER)
      .update('reconoce/statistics-pseudonym/v1')
      .digest();
  }

  subjectKey(facts: Pick<CertificationFacts, 'holderId' | 'credentialId'>): string {
    const unit = facts.holderId ? `holder:${facts.holderId}` : `credential:${facts.credentialId}`;
    return createHmac('sha256', this.pseudonymKey).update(unit).digest('base64url');
  }

  /** Records issued certifications with their annexes (absent attributes stay null). */
  async record(
    manager: EntityManager,
    items: { facts: CertificationFacts; annex?: StatisticsAnnex }[],
  ): Promise<void> {
    if (items.length === 0) return;
    const recordedAt = new Date();
    const metaLevels = await Promise.all(
      items.map(({ facts }) =>
        facts.nationalLevel
          ? this.reference.metaLevelOf(
              facts.nationalLevel.framework,
              facts.nationalLevel.level,
              manager,
            )
          : Promise.resolve(undefined),
      ),
    );
    await manager.insert(
      StatisticsRecord,
      items.map(({ facts, annex }, i) => ({
        subjectKey: this.subjectKey(facts),
        issuerSlug: facts.issuerSlug,
        issuerCountry: facts.issuerCountry,
        credentialType: facts.credentialType,
        issuedMonth: `${facts.issuedAt.toISOString().slice(0, 7)}-01`,
        iscoMajor: facts.isco08?.slice(0, 1) ?? null,
        metaLevel: metaLevels[i] ?? null,
        sex: annex?.sex ?? null,
        nationality: annex?.nationality ?? null,
        migrationStatus: annex?.migrationStatus ?? null,
        ageBand: annex?.ageBand ?? null,
        disability: annex?.disability ?? null,
        ethnicity: annex?.ethnicity ?? null,
        ...decisionFacts(facts),
        recordedAt,
      })),
    );
  }

  /** The holder's statistics consent: withdrawn, they are left out of every later aggregate. */
  async setConsent(manager: EntityManager, holderId: string, granted: boolean): Promise<void> {
    const subjectKey = this.subjectKey({ holderId, credentialId: '' });
    if (granted) await manager.delete(StatisticsExclusion, { subjectKey });
    else
      await manager.upsert(StatisticsExclusion, { subjectKey, since: new Date() }, ['subjectKey']);
  }

  /** Erasure: the holder's records go (annexes with them) and they stay excluded. */
  async erase(manager: EntityManager, holderId: string): Promise<number> {
    const subjectKey = this.subjectKey({ holderId, credentialId: '' });
    const deleted = await manager.delete(StatisticsRecord, { subjectKey });
    await this.setConsent(manager, holderId, false);
    return deleted.affected ?? 0;
  }

  /** Every record of a holder who has not withdrawn consent. */
  async counted(): Promise<CountedRecord[]> {
    return this.dataSource
      .getRepository(StatisticsRecord)
      .createQueryBuilder('r')
      .where(
        'NOT EXISTS (SELECT 1 FROM statistics_exclusion x WHERE x.subject_key = r.subject_key)',
      )
      .getMany();
  }

  /** The pseudonyms of the holders who withdrew consent (to leave their cases out too). */
  async excludedSubjects(): Promise<Set<string>> {
    const rows = await this.dataSource.getRepository(StatisticsExclusion).find();
    return new Set(rows.map((row) => row.subjectKey));
  }

  /** Changes whenever what `counted` returns may have changed: a cache key. */
  async fingerprint(): Promise<string> {
    const [row] = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT (SELECT count(*) FROM statistics_record) AS records,
              (SELECT max(recorded_at) FROM statistics_record) AS last_record,
              (SELECT count(*) FROM statistics_exclusion) AS exclusions,
              (SELECT max(since) FROM statistics_exclusion) AS last_exclusion`,
    );
    return JSON.stringify(row);
  }
}
