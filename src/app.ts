import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import { problemErrorMiddleware, ProblemFilter } from './common/http/problem.filter.js';
import { requestIdMiddleware } from './common/http/request-id.js';
import { createHttpLogger, createLogger, PinoNestLogger } from './common/logging/logger.js';
import { createValidationPipe } from './common/validation/validation-pipe.js';
import type { AppConfig } from './config/config.js';
import { MetricsService } from './modules/health/metrics.service.js';
import { setupOpenApi } from './openapi/openapi.js';

export interface CreateAppOptions {
  /** Defaults to JSON logs on stdout at the configured level. */
  logger?: Logger;
}

/**
 * Builds the whole service, as `main.ts` runs it and as the e2e tests drive it: the same
 * middleware, pipe, filter and documentation, ready to `listen` or to pass to supertest.
 */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<NestExpressApplication> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger), {
    bodyParser: false,
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  app.disable('x-powered-by');
  app.use(requestIdMiddleware);
  app.use(app.get(MetricsService).middleware);
  app.use(createHttpLogger(logger));
  const https = config.publicBaseUrl.startsWith('https:');
  app.use(
    helmet({
      // Over plain http (a laptop, a test) HSTS and upgrading requests would break every page.
      strictTransportSecurity: https,
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: https ? [] : null } },
    }),
  );
  app.use(
    express.json({
      limit: config.bodyLimitBytes,
      type: ['application/json', 'application/*+json'],
    }),
  );
  app.use(problemErrorMiddleware);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  setupOpenApi(app);
  await app.init();
  return app;
}
