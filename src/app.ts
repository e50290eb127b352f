import type { RequestListener } from 'node:http';
import { NestFactory } from '@nestjs/core';
import compression from 'compression';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import helmet from 'helmet';
import proxyaddr from 'proxy-addr';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import { AuthService } from './common/auth/auth.service.js';
import { RateLimiters } from './common/http/rate-limit.js';
import { jsonBodyParser, MAX_JSON_DEPTH, MAX_JSON_KEYS } from './common/http/json-body.js';
import { problemErrorMiddleware, ProblemFilter } from './common/http/problem.filter.js';
import { requestIdMiddleware } from './common/http/request-id.js';
import { createHttpLogger, createLogger, PinoNestLogger } from './common/logging/logger.js';
import { SafeTextPipe } from './common/validation/safe-text.js';
import { createValidationPipe } from './common/validation/validation-pipe.js';
import type { AppConfig } from './config/config.js';
import { BATCH_ROUTE, batchBodyParsers } from './modules/credentials/batch/batch-body.js';
import { MetricsService } from './modules/health/metrics.service.js';
import { setupOpenApi } from './openapi/openapi.js';
import { ASSETS_DIR } from './web/assets.js';
import { PortalSessionService } from './web/portal/portal-session.service.js';
import { portalUploads, UPLOAD_ROUTE } from './web/portal/portal-uploads.js';
import { headersSetBy, strictContentSecurityPolicy } from './web/security.js';
import { verifyFastPath } from './web/verify/verify-fast-path.js';
import { VerifyPageService } from './web/verify/verify-page.service.js';

/**
 * Repeat checks of a link, from memory, at the HTTP server, before Express's per-request work
 * (with the same security headers, counted in the metrics); everything else goes on to Express.
 * On the server `listen` uses and supertest drives alike.
 */
function answerRepeatChecksFirst(
  app: NestExpressApplication,
  headers: Record<string, string>,
): void {
  const server = app.getHttpServer();
  const [framework, ...others] = server.listeners('request') as RequestListener[];
  if (!framework || others.length > 0) {
    throw new TypeError('the HTTP server should have exactly one request listener, Express');
  }
  const trust = (app.getHttpAdapter().getInstance() as express.Application).get(
    'trust proxy fn',
  ) as Parameters<typeof proxyaddr>[1];
  server.removeListener('request', framework);
  server.on(
    'request',
    verifyFastPath(app.get(VerifyPageService), app.get(RateLimiters), app.get(MetricsService), {
      headers,
      clientAddress: (req) => proxyaddr(req, trust),
      framework,
    }),
  );
}

/** A token request is a few short parameters. */
const OAUTH_FORM_LIMIT = 16 * 1024;

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
  // Who the client is (req.ip, for rate limits and lockouts): the peer, or behind trusted
  // proxies the address they forwarded.
  app.set('trust proxy', config.trustProxyHops);
  const https = config.publicBaseUrl.startsWith('https:');
  const securityHeaders = [
    helmet({
      // Over plain http (a laptop, a test) HSTS and upgrading requests would break every page.
      strictTransportSecurity: https,
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: https ? [] : null } },
    }),
    // Helmet's default policy above stays for /docs (Swagger UI's inline styles); every other
    // route gets a strict one, without 'unsafe-inline'.
    strictContentSecurityPolicy({ https }),
  ];
  answerRepeatChecksFirst(app, await headersSetBy(securityHeaders));
  app.use(requestIdMiddleware);
  app.use(app.get(MetricsService).middleware);
  app.use(createHttpLogger(logger));
  app.use(...securityHeaders);
  // Brotli or gzip, as the client accepts, for every compressible answer over 1 KB: pages,
  // JSON, problem documents, scripts, styles and Swagger UI's bundle.
  app.use(compression({ threshold: 1024 }));
  app.use(BATCH_ROUTE, ...batchBodyParsers(app.get(AuthService)));
  app.use(
    ...jsonBodyParser({
      limit: config.bodyLimitBytes,
      maxDepth: MAX_JSON_DEPTH,
      maxKeys: MAX_JSON_KEYS,
    }),
  );
  // The portal's and the console's forms and the OAuth token endpoint read urlencoded bodies;
  // nothing else does.
  app.use('/portal', express.urlencoded({ extended: false, limit: config.bodyLimitBytes }));
  // Its case forms also send files (multipart), read before the guard checks their CSRF token.
  app.use(UPLOAD_ROUTE, portalUploads(app.get(PortalSessionService)));
  app.use('/console', express.urlencoded({ extended: false, limit: config.bodyLimitBytes }));
  app.use('/oauth/token', express.urlencoded({ extended: false, limit: OAUTH_FORM_LIMIT }));
  app.use(problemErrorMiddleware);
  app.useStaticAssets(ASSETS_DIR, { prefix: '/assets/', maxAge: '1d', index: false });
  app.useGlobalPipes(new SafeTextPipe(), createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  setupOpenApi(app);
  await app.init();
  return app;
}
