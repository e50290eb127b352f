import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { HealthStatusDto } from './dto/health-status.dto.js';
import { HealthService } from './health.service.js';
import { MetricsService } from './metrics.service.js';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthService,
    private readonly metrics: MetricsService,
  ) {}

  @Get('health')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Liveness: the process is up',
    description:
      'Answers 200 while the process runs, without touching the database: for a liveness probe.',
  })
  @ApiOkResponse({ type: HealthStatusDto })
  @ApiProblems()
  live(): HealthStatusDto {
    return this.health.live();
  }

  @Get('health/ready')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Readiness: the database answers',
    description:
      'Answers 200 when the database answers a query, 503 otherwise: for a readiness probe or a load balancer.',
  })
  @ApiOkResponse({ type: HealthStatusDto })
  @ApiProblems('NOT_READY')
  ready(): Promise<HealthStatusDto> {
    return this.health.ready();
  }

  @Get('metrics')
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      'Prometheus text exposition of the process and HTTP metrics (requests by route and status, durations). No personal data.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format', type: String })
  @ApiProblems()
  async render(@Res() res: Response): Promise<void> {
    res.type(this.metrics.contentType).send(await this.metrics.render());
  }
}
