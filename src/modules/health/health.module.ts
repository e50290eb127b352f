import { Global, Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { HealthService } from './health.service.js';
import { MetricsService } from './metrics.service.js';

// Global: every module may report figures through MetricsService.
@Global()
@Module({
  controllers: [HealthController],
  providers: [HealthService, MetricsService],
  exports: [MetricsService],
})
export class HealthModule {}
