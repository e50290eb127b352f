import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  StatisticsSourcesService,
  type CaseFact,
  type CaseState,
} from '../../statistics/statistics-sources.js';
import { OPEN_STATUSES } from '../case-lifecycle.js';
import { termView } from '../case-views.js';
import { RecognitionCase } from '../entities/recognition-case.entity.js';
import { rulesOf } from './case-store.service.js';

const DAY_MS = 86_400_000;

/**
 * Hands statistics the recognition cases as plain facts: destination, year opened, route,
 * legalisation, where each stands (overdue computed now, as the views do) and days to decision.
 */
@Injectable()
export class CaseStatisticsSource implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sources: StatisticsSourcesService,
  ) {}

  onModuleInit(): void {
    this.sources.register('recognition-cases', this);
  }

  async fingerprint(): Promise<string> {
    const [row] = await this.dataSource
      .getRepository(RecognitionCase)
      .createQueryBuilder('c')
      .select('count(*)::int', 'n')
      .addSelect('max(c.updated_at)', 'last')
      .getRawMany<{ n: number; last: Date | null }>();
    // Overdue changes with the day, not only with the rows.
    const day = new Date().toISOString().slice(0, 10);
    return `${row.n}:${row.last?.toISOString() ?? ''}:${day}`;
  }

  async cases(): Promise<CaseFact[]> {
    const rows = await this.dataSource.getRepository(RecognitionCase).find();
    const now = new Date();
    return rows.map((row) => ({
      holderId: row.holderId,
      destinationCountry: row.destinationCountry,
      year: String(row.submittedAt.getUTCFullYear()),
      route: row.route,
      legalisation: row.legalisation,
      state: stateOf(row, now),
      daysToDecision:
        row.status === 'DECIDED' && row.closedAt
          ? Math.round((row.closedAt.getTime() - row.submittedAt.getTime()) / DAY_MS)
          : null,
    }));
  }
}

function stateOf(row: RecognitionCase, now: Date): CaseState {
  if (row.status === 'DECIDED') return 'DECIDED';
  if (row.status === 'WITHDRAWN') return 'WITHDRAWN';
  if (!OPEN_STATUSES.includes(row.status)) throw new TypeError(`Unknown case status ${row.status}`);
  return termView(row, rulesOf(row), now).overdue ? 'OVERDUE' : 'IN_TERM';
}
