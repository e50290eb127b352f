import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReferenceModule } from '../reference/reference.module.js';
import { STATISTICS_ENTITIES } from './statistics.entities.js';
import { StatisticsRecordsService } from './statistics-records.service.js';

/**
 * The statistics records, beneath the modules that write them (issuance, the holder's rights);
 * the publication (StatisticsModule) reads them.
 */
@Module({
  imports: [TypeOrmModule.forFeature(STATISTICS_ENTITIES), ReferenceModule],
  providers: [StatisticsRecordsService],
  exports: [StatisticsRecordsService],
})
export class StatisticsRecordsModule {}
