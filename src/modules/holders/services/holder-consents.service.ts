import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import { StatisticsRecordsService } from '../../statistics/statistics-records.service.js';
import {
  CONSENT_PURPOSES,
  HolderConsent,
  type ConsentPurpose,
  type ConsentSource,
} from '../entities/holder-consent.entity.js';

/** Counted in statistics unless withdrawn; findable by employment services only if asked for. */
export const CONSENT_DEFAULTS: Record<ConsentPurpose, boolean> = {
  STATISTICS: true,
  EMPLOYMENT_SERVICES_SEARCH: false,
};

export interface ConsentState {
  granted: boolean;
  /** When the holder last decided; null while the default stands. */
  updatedAt: Date | null;
}

export interface ConsentsView {
  statistics: ConsentState;
  findableByEmploymentServices: ConsentState;
  history: { purpose: ConsentPurpose; granted: boolean; source: ConsentSource; at: Date }[];
}

export interface ConsentChanges {
  statistics?: boolean;
  findableByEmploymentServices?: boolean;
}

/** A holder's consents: append-only decisions, the latest per purpose in force. */
@Injectable()
export class HolderConsentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly statistics: StatisticsRecordsService,
  ) {}

  async get(
    holderId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ConsentsView> {
    const history = await manager.find(HolderConsent, {
      where: { holderId },
      order: { at: 'ASC', id: 'ASC' },
    });
    const state = (purpose: ConsentPurpose): ConsentState => {
      const decisions = history.filter((c) => c.purpose === purpose);
      const last = decisions.at(-1);
      const byHolder = decisions.filter((c) => c.source !== 'DEFAULT').at(-1);
      return {
        granted: last?.granted ?? CONSENT_DEFAULTS[purpose],
        updatedAt: byHolder?.at ?? null,
      };
    };
    return {
      statistics: state('STATISTICS'),
      findableByEmploymentServices: state('EMPLOYMENT_SERVICES_SEARCH'),
      history: history.map(({ purpose, granted, source, at }) => ({
        purpose,
        granted,
        source,
        at,
      })),
    };
  }

  /** Writes down the defaults when an account is opened, so there is a record of them. */
  async recordDefaults(manager: EntityManager, holderId: string): Promise<void> {
    await manager.insert(
      HolderConsent,
      CONSENT_PURPOSES.map((purpose) => ({
        holderId,
        purpose,
        granted: CONSENT_DEFAULTS[purpose],
        source: 'DEFAULT' as const,
      })),
    );
  }

  /** Records only what changes; an unchanged answer adds nothing. */
  async update(holderId: string, changes: ConsentChanges): Promise<ConsentsView> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.get(holderId, manager);
      const wanted: [ConsentPurpose, boolean | undefined, ConsentState][] = [
        ['STATISTICS', changes.statistics, current.statistics],
        [
          'EMPLOYMENT_SERVICES_SEARCH',
          changes.findableByEmploymentServices,
          current.findableByEmploymentServices,
        ],
      ];
      const changed = wanted.filter(
        ([, granted, state]) => granted !== undefined && granted !== state.granted,
      );
      if (changed.length === 0) return current;
      for (const [purpose, granted] of changed) {
        await manager.insert(HolderConsent, { holderId, purpose, granted, source: 'HOLDER' });
        if (purpose === 'STATISTICS')
          await this.statistics.setConsent(manager, holderId, granted === true);
      }
      await this.audit.append(manager, {
        actor: `holder:${holderId}`,
        action: 'holder.consents_changed',
        subject: `holder:${holderId}`,
        data: Object.fromEntries(changed.map(([purpose, granted]) => [purpose, granted])),
      });
      return this.get(holderId, manager);
    });
  }

  /** Erasure withdraws every consent. */
  async withdrawAll(manager: EntityManager, holderId: string): Promise<void> {
    await manager.insert(
      HolderConsent,
      CONSENT_PURPOSES.map((purpose) => ({
        holderId,
        purpose,
        granted: false,
        source: 'ERASURE' as const,
      })),
    );
  }
}
