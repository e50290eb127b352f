import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_SCHEMA_NAME, problemResponse } from '../common/openapi/api-problems.decorator.js';
import { ERROR_STATUS, type ErrorCode } from '../common/errors/error-codes.js';

type Schema = NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>[string];

const PROBLEM_SCHEMA: Schema = {
  type: 'object',
  description: 'RFC 9457 problem details with a stable error code',
  required: ['type', 'title', 'status', 'detail', 'code', 'requestId'],
  properties: {
    type: { type: 'string', example: 'urn:reconoce:problem:validation-failed' },
    title: { type: 'string', example: 'Bad Request' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string' },
    code: { type: 'string', example: 'VALIDATION_FAILED' },
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
        const listed = declared?.description?.split(': ')[1]?.split(', ') ?? [];
        if (listed.includes(code)) continue;
        operation.responses[status] = problemResponse(Number(status), [...listed, code]);
      }
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
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, [PROBLEM_SCHEMA_NAME]: PROBLEM_SCHEMA },
  };
  addCommonProblems(document);
  return document;
}

export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
    customSiteTitle: 'Reconoce API',
  });
}
