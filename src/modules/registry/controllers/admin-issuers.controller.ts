import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Auth } from '../../../common/auth/auth.guard.js';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator.js';
import {
  AccreditationDto,
  ApiKeyDto,
  CreatedApiKeyDto,
  IssuerDto,
  IssuerKeyDto,
} from '../dto/issuer-view.dto.js';
import { CreateAccreditationDto, EndAccreditationDto } from '../dto/accreditation-input.dto.js';
import {
  CreateApiKeyDto,
  CreateIssuerDto,
  MarkKeyCompromisedDto,
  UpdateIssuerDto,
} from '../dto/issuer-input.dto.js';
import { CreatedOAuthClientDto, CreateOAuthClientDto, OAuthClientDto } from '../dto/oauth.dto.js';
import { RegistryAdminService } from '../registry-admin.service.js';

const ADMIN_PROBLEMS = ['VALIDATION_FAILED', 'UNAUTHORIZED', 'FORBIDDEN'] as const;

@ApiTags('admin: issuers')
@Auth('admin')
@Controller('admin/issuers')
export class AdminIssuersController {
  constructor(private readonly admin: RegistryAdminService) {}

  @Post()
  @ApiOperation({
    summary: 'Register an issuer; it gets a did:web and a first key unless it brings a did:key',
  })
  @ApiCreatedResponse({ type: IssuerDto })
  @ApiProblems(...ADMIN_PROBLEMS, 'SLUG_TAKEN', 'CONFLICT', 'INVALID_REFERENCE')
  create(@Body() dto: CreateIssuerDto): Promise<IssuerDto> {
    return this.admin.createIssuer(dto);
  }

  @Patch(':slug')
  @ApiOperation({ summary: 'Update, suspend, reinstate or close an issuer' })
  @ApiOkResponse({ type: IssuerDto })
  @ApiProblems(...ADMIN_PROBLEMS, 'NOT_FOUND', 'INVALID_STATUS_TRANSITION', 'INVALID_REFERENCE')
  update(@Param('slug') slug: string, @Body() dto: UpdateIssuerDto): Promise<IssuerDto> {
    return this.admin.updateIssuer(slug, dto);
  }

  @Post(':slug/accreditations')
  @ApiOperation({ summary: 'Record what the issuer may certify, where and when' })
  @ApiCreatedResponse({ type: AccreditationDto })
  @ApiProblems(...ADMIN_PROBLEMS, 'NOT_FOUND', 'INVALID_REFERENCE', 'INVALID_DATE_RANGE')
  accredit(
    @Param('slug') slug: string,
    @Body() dto: CreateAccreditationDto,
  ): Promise<AccreditationDto> {
    return this.admin.accredit(slug, dto);
  }

  @Post(':slug/accreditations/:id/end')
  @HttpCode(200)
  @ApiOperation({ summary: 'End an accreditation; it stays in the history' })
  @ApiOkResponse({ type: AccreditationDto })
  @ApiProblems(...ADMIN_PROBLEMS, 'NOT_FOUND', 'CONFLICT', 'INVALID_DATE_RANGE')
  endAccreditation(
    @Param('slug') slug: string,
    @Param('id') id: string,
    @Body() dto: EndAccreditationDto,
  ): Promise<AccreditationDto> {
    return this.admin.endAccreditation(slug, id, dto);
  }

  @Post(':slug/api-keys')
  @ApiOperation({ summary: 'Create an API key; the key is shown once' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiProblems(...ADMIN_PROBLEMS, 'NOT_FOUND')
  createApiKey(
    @Param('slug') slug: string,
    @Body() dto: CreateApiKeyDto,
  ): Promise<CreatedApiKeyDto> {
    return this.admin.createApiKey(slug, dto);
  }

  @Get(':slug/api-keys')
  @ApiOperation({ summary: "The issuer's API keys (never the keys themselves)" })
  @ApiOkResponse({ type: [ApiKeyDto] })
  @ApiProblems(...ADMIN_PROBLEMS, 'NOT_FOUND')
  listApiKeys(@Param('slug') slug: string): Promise<ApiKeyDto[]> {
    return this.admin.listApiKeys(slug);
  }

  @Delete(':slug/api-keys/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key' })
  @ApiNoContentResponse()
  @ApiProblems(...ADMIN_PROBLEMS, 'NOT_FOUND', 'CONFLICT')
  revokeApiKey(@Param('slug') slug: string, @Param('id') id: string): Promise<void> {
    return this.admin.revokeApiKey(slug, id);
  }

  @Post(':slug/oauth-clients')
  @ApiOperation({
    summary: 'Create an OAuth client (client credentials grant); the secret is shown once',
  })
  @ApiCreatedResponse({ type: CreatedOAuthClientDto })
  @ApiProblems(...ADMIN_PROBLEMS, 'NOT_FOUND')
  createOAuthClient(
    @Param('slug') slug: string,
    @Body() dto: CreateOAuthClientDto,
  ): Promise<CreatedOAuthClientDto> {
    return this.admin.createOAuthClient(slug, dto);
  }

  @Get(':slug/oauth-clients')
  @ApiOperation({ summary: "The issuer's OAuth clients (never their secrets)" })
  @ApiOkResponse({ type: [OAuthClientDto] })
  @ApiProblems(...ADMIN_PROBLEMS, 'NOT_FOUND')
  listOAuthClients(@Param('slug') slug: string): Promise<OAuthClientDto[]> {
    return this.admin.listOAuthClients(slug);
  }

  @Delete(':slug/oauth-clients/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an OAuth client: its access tokens stop working at once' })
  @ApiNoContentResponse()
  @ApiProblems(...ADMIN_PROBLEMS, 'NOT_FOUND', 'CONFLICT')
  revokeOAuthClient(@Param('slug') slug: string, @Param('id') id: string): Promise<void> {
    return this.admin.revokeOAuthClient(slug, id);
  }

  @Post(':slug/keys/rotate')
  @ApiOperation({ summary: 'Make a new signing key active; earlier keys stay published' })
  @ApiCreatedResponse({ type: IssuerKeyDto })
  @ApiProblems(...ADMIN_PROBLEMS, 'NOT_FOUND', 'KEY_NOT_MANAGED')
  rotateKey(@Param('slug') slug: string): Promise<IssuerKeyDto> {
    return this.admin.rotateKey(slug);
  }

  @Post(':slug/keys/:keyId/compromised')
  @HttpCode(200)
  @ApiOperation({ summary: 'Declare a key compromised: it leaves the DID document for good' })
  @ApiOkResponse({ type: IssuerKeyDto })
  @ApiProblems(...ADMIN_PROBLEMS, 'NOT_FOUND', 'INVALID_STATUS_TRANSITION')
  markCompromised(
    @Param('slug') slug: string,
    @Param('keyId') keyId: string,
    @Body() dto: MarkKeyCompromisedDto,
  ): Promise<IssuerKeyDto> {
    return this.admin.markKeyCompromised(slug, keyId, dto);
  }
}
