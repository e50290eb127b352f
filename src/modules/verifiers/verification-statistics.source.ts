import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  StatisticsSourcesService,
  type VerificationCount,
} from '../statistics/statistics-sources.js';
import { VerificationEvent } from './entities/verification-event.entity.js';
import { VerificationEventsWriter } from './verification-events.writer.js';

/**
 * Hands statistics the verification events, grouped by year, declared country, purpose and
 * outcome: the counts are all statistics needs, and no person is behind an event.
 */
@Injectable()
export class VerificationStatisticsSource implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: VerificationEventsWriter,
    private readonly sources: StatisticsSourcesService,
  ) {}

  onModuleInit(): void {
    this.sources.register('verifications', this);
  }

  async fingerprint(): Promise<string> {
    // The events waiting in this replica's buffer count too.
    await this.writer.flush();
    const [row] = await this.dataSource
      .getRepository(VerificationEvent)
      .createQueryBuilder('e')
      .select('count(*)::int', 'n')
      .addSelect('max(e.at)', 'last')
      .getRawMany<{ n: number; last: Date | null }>();
    return `${row.n}:${row.last?.toISOString() ?? ''}`;
  }

  async verifications(): Promise<VerificationCount[]> {
    await this.writer.flush();
    const rows = await this.dataSource
      .getRepository(VerificationEvent)
      .createQueryBuilder('e')
      .select(`to_char(e.at AT TIME ZONE 'UTC', 'YYYY')`, 'year')
      .addSelect('e.country', 'country')
      .addSelect('e.purpose', 'purpose')
      .addSelect('e.outcome', 'outcome')
      .addSelect('count(*)::int', 'count')
      .groupBy('1, 2, 3, 4')
      .getRawMany<VerificationCount>();
    return rows.map((row) => ({ ...row, country: row.country?.trim() ?? null }));
  }
}
