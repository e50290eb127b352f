import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { CREDENTIAL_TYPES } from '../../vc/schemas.js';
import { SchemasService, type PublishedDocument } from './schemas.service.js';

const JSON_LD = 'application/ld+json';
const JSON_SCHEMA = 'application/schema+json';

/** Public, cacheable and readable from any origin; headers only on success, not on a problem. */
function send(res: Response, contentType: string, document: PublishedDocument): void {
  res
    .set({ 'Cache-Control': 'public, max-age=3600', 'Access-Control-Allow-Origin': '*' })
    .type(contentType)
    .send(document.body);
}

@ApiTags('schemas')
@Controller()
export class SchemasController {
  constructor(private readonly schemas: SchemasService) {}

  @Get('contexts/v1')
  @ApiOperation({
    summary: 'Our JSON-LD context',
    description:
      'Defines every term of our credential types; credentials reference it in `@context`.',
  })
  @ApiProduces(JSON_LD)
  @ApiOkResponse({
    description: 'The JSON-LD context document',
    content: { [JSON_LD]: { schema: { type: 'object' } } },
  })
  @ApiProblems()
  context(@Res() res: Response): void {
    send(res, JSON_LD, this.schemas.ourContext());
  }

  @Get('schemas/:name.json')
  @ApiOperation({
    summary: "The JSON Schema (draft 2020-12) of a credential type's credentialSubject",
    description: 'Issued credentials point at it in `credentialSchema`.',
  })
  @ApiParam({ name: 'name', enum: CREDENTIAL_TYPES })
  @ApiProduces(JSON_SCHEMA)
  @ApiOkResponse({
    description: 'The JSON Schema document',
    content: { [JSON_SCHEMA]: { schema: { type: 'object' } } },
  })
  @ApiProblems('NOT_FOUND')
  schema(@Param('name') name: string, @Res() res: Response): void {
    send(res, JSON_SCHEMA, this.schemas.schema(name));
  }
}
