import { Module } from '@nestjs/common';
import { StatisticsController } from './statistics.controller.js';
import { StatisticsRecordsModule } from './statistics-records.module.js';
import { StatisticsService } from './statistics.service.js';

/** The published statistics: `/stats/…` JSON and CSV, and the service the dashboard renders. */
@Module({
  imports: [StatisticsRecordsModule],
  controllers: [StatisticsController],
  providers: [StatisticsService],
  exports: [StatisticsService],
})
export class StatisticsModule {}
