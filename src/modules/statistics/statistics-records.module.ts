import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReferenceModule } from '../reference/reference.module.js';
import { STATISTICS_ENTITIES } from './statistics.entities.js';
import { StatisticsRecordsService } from './statistics-records.service.js';
import { StatisticsSourcesService } from './statistics-sources.js';

/**
 * The statistics records, beneath the modules that write them (issuance, the holder's rights);
 * the publication (StatisticsModule) reads them, and the facts the modules above register
 * through StatisticsSourcesService (verifications, recognition cases).
 */
@Module({
  imports: [TypeOrmModule.forFeature(STATISTICS_ENTITIES), ReferenceModule],
  providers: [StatisticsRecordsService, StatisticsSourcesService],
  exports: [StatisticsRecordsService, StatisticsSourcesService],
})
export class StatisticsRecordsModule {}
