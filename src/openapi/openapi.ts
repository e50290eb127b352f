import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_SCHEMA_NAME, problemResponse } from '../common/openapi/api-problems.decorator.js';
import { ERROR_STATUS, type ErrorCode } from '../common/errors/error-codes.js';
import { SECURITY_SCHEMES } from '../common/auth/auth.guard.js';
import { ISSUER_SCOPES } from '../common/auth/scopes.js';

type Schema = NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>[string];

const PROBLEM_SCHEMA: Schema = {
  type: 'object',
  description: 'RFC 9457 problem details with a stable error code',
  required: ['type', 'title', 'status', 'detail', 'code', 'requestId'],
  properties: {
    type: { type: 'string', description: '`urn:reconoce:problem:` and the code in kebab case' },
    title: { type: 'string', description: 'The status in words' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: {
      type: 'string',
      enum: Object.keys(ERROR_STATUS),
      description: 'Stable; each response lists the codes it may carry',
    },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string' }, message: { type: 'string' } },
      },
    },
    requestId: { type: 'string' },
  },
};

// Routes that answer from memory, never from the database.
const WITHOUT_DATABASE = new Set([
  'GET /health',
  'GET /metrics',
  'GET /contexts/v1',
  'GET /schemas/{name}.json',
  'GET /reference/countries',
]);

/**
 * The codes every route answers by construction, beside those its controller declares: the JSON
 * body parser's (any route with a JSON body), the text pipe's VALIDATION_FAILED (any route taking
 * a parameter or a body: a NUL or a lone surrogate is refused everywhere) and
 * DATABASE_UNAVAILABLE (any route that reads the database).
 */
function addCommonProblems(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const codes: ErrorCode[] = [];
      const body = operation.requestBody as { content?: Record<string, unknown> } | undefined;
      const jsonBody = Object.keys(body?.content ?? {}).some((type) => type.endsWith('json'));
      if (jsonBody) codes.push('MALFORMED_JSON', 'JSON_TOO_DEEP', 'JSON_TOO_MANY_KEYS');
      if (body) codes.push('PAYLOAD_TOO_LARGE');
      if (body || (operation.parameters ?? []).length > 0) codes.push('VALIDATION_FAILED');
      if (!WITHOUT_DATABASE.has(`${method.toUpperCase()} ${path}`)) {
        codes.push('DATABASE_UNAVAILABLE');
      }
      for (const code of codes) {
        const status = String(ERROR_STATUS[code]);
        const declared = operation.responses[status] as { description?: string } | undefined;
        const listed = (declared?.description?.split(': ')[1]?.split(', ') ?? []) as ErrorCode[];
        if (listed.includes(code)) continue;
        operation.responses[status] = problemResponse(Number(status), [...listed, code]);
      }
    }
  }
}

/**
 * Says of every operation without a security requirement that it needs none (`security: []`):
 * in OpenAPI a missing requirement means "as the document's default", not "public".
 */
function markPublicOperations(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (operation && !operation.security) operation.security = [];
    }
  }
}

/** The OpenAPI document of the running routes; deterministic, so it can be committed. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Reconoce API')
    .setDescription(
      'Regional registry for the mutual recognition of academic titles and labour competencies. ' +
        'Errors are application/problem+json with a stable `code`.',
    )
    .setVersion('1')
    // Relative, so the committed document suits every instance (and Swagger UI at /docs).
    .addServer('/', 'The instance that serves this document')
    // addSecurity, not addBearerAuth: these tokens are opaque, not JWTs.
    .addSecurity(SECURITY_SCHEMES.admin, {
      type: 'http',
      scheme: 'bearer',
      description: "The registry operator's admin token: an opaque `rca_…` string",
    })
    .addSecurity(SECURITY_SCHEMES.issuerApiKey, {
      type: 'http',
      scheme: 'bearer',
      description: 'An issuer API key: an opaque `rck_…` string, not a JWT',
    })
    .addSecurity(SECURITY_SCHEMES.oauth2, {
      type: 'oauth2',
      description:
        'Client credentials (RFC 6749 §4.4) of an OAuth client the registry operator created for an issuer; the access token (a JWT) goes in `Authorization: Bearer`. Scopes follow W3C VCALM.',
      flows: {
        clientCredentials: {
          // Relative to the server, so the committed document suits every instance.
          tokenUrl: '/oauth/token',
          scopes: { ...ISSUER_SCOPES },
        },
      },
    })
    .addSecurity(SECURITY_SCHEMES.holder, {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: "A holder session's access token",
    })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, [PROBLEM_SCHEMA_NAME]: PROBLEM_SCHEMA },
  };
  addCommonProblems(document);
  markPublicOperations(document);
  return document;
}

export function setupOpenApi(app: INestApplication): void {
  // Built on the first request for it, not in every replica at start: megabytes of heap that
  // most replicas never need.
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
    customSiteTitle: 'Reconoce API',
  });
}
