import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { SECURITY_SCHEMES } from '../common/auth/auth.guard.js';
import { ISSUER_SCOPES } from '../common/auth/scopes.js';
import { PROBLEM_SCHEMA_NAME } from '../common/openapi/api-problems.decorator.js';

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

/** The OpenAPI document of the running routes; deterministic, so it can be committed. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Reconoce API')
    .setDescription(
      'Regional registry for the mutual recognition of academic titles and labour competencies. ' +
        'Errors are application/problem+json with a stable `code`.',
    )
    .setVersion('1')
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
  return document;
}

export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
    customSiteTitle: 'Reconoce API',
  });
}
