import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { Optional } from '../../../common/validation/validators.js';
import { ApiPropertyOptional } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { sendCacheable } from '../../../common/http/conditional.js';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator.js';
import { PageQueryDto, type Page } from '../../../common/pagination/pagination.js';
import { DidDocumentDto, IssuerDto, IssuerPageDto } from '../dto/issuer-view.dto.js';
import { ISSUER_STATUSES, type IssuerStatus } from '../registry.constants.js';
import { RegistryService } from '../registry.service.js';

export class TrustListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'CO' })
  @Optional()
  @IsString()
  @MaxLength(8)
  country?: string;

  @ApiPropertyOptional({ example: 'CompetencyCertificationCredential' })
  @Optional()
  @IsString()
  @MaxLength(100)
  credentialType?: string;

  @ApiPropertyOptional({ enum: ISSUER_STATUSES })
  @Optional()
  @IsIn(ISSUER_STATUSES)
  status?: IssuerStatus;
}

@ApiTags('registry')
@Controller()
export class RegistryController {
  constructor(private readonly registry: RegistryService) {}

  @Get('registry/issuers')
  @ApiOperation({
    summary: 'The trust list: issuers, their status history and accreditations',
    description:
      'The public trust list: every issuer with its DID(s), status history, accreditations (types, levels, fields, jurisdiction, dates) and kind; filter by country, kind or status. Verifiers decide who to trust from this list.',
  })
  @ApiOkResponse({ type: IssuerPageDto })
  @ApiProblems('VALIDATION_FAILED')
  list(@Query() query: TrustListQueryDto): Promise<Page<IssuerDto>> {
    const { country, credentialType, status } = query;
    return this.registry.trustList({ country, credentialType, status }, query);
  }

  @Get('registry/issuers/:slug')
  @ApiOperation({
    summary: 'One issuer of the trust list',
    description: 'One issuer of the trust list, as in `GET /registry/issuers`. Unknown slug: 404.',
  })
  @ApiOkResponse({ type: IssuerDto })
  @ApiProblems('NOT_FOUND')
  entry(@Param('slug') slug: string): Promise<IssuerDto> {
    return this.registry.entry(slug);
  }

  @Get('issuers/:slug/did.json')
  @ApiOperation({
    summary: "An issuer's did:web DID document",
    description:
      "The did:web DID document of an issuer hosted by the registry: its current and earlier public keys (a compromised key is removed). Resolvers fetch it to check an issuer's signatures.",
  })
  @ApiProduces('application/json')
  @ApiOkResponse({ type: DidDocumentDto })
  @ApiProblems('NOT_FOUND')
  async didDocument(
    @Param('slug') slug: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const document = await this.registry.didDocument(slug);
    res.set('Access-Control-Allow-Origin', '*');
    sendCacheable(req, res, {
      body: JSON.stringify(document),
      type: 'application/json',
      cacheControl: 'public, max-age=60',
    });
  }
}
