import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBody,
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
  @ApiBody({
    type: CreateIssuerDto,
    examples: {
      'certifying-body': {
        summary: 'A fictional Colombian certifying body under co-ens',
        value: {
          slug: 'co-certifica-demo',
          legalName: 'Certificadora de Oficios del Caribe (ficticia)',
          country: 'CO',
          kinds: ['CERTIFYING_BODY'],
          parent: 'co-ens',
        },
      },
    },
  })
  @ApiOperation({
    summary: 'Register an issuer; it gets a did:web and a first key unless it brings a did:key',
    description:
      'Registers a certifying body, university or authority. Without `did`, the registry hosts its DID (`didMethod`: `web` by default, or `key`) and makes its first signing key; an issuer that keeps its own key gives its `did:key`. The slug is permanent. Audited.',
  })
  @ApiCreatedResponse({ type: IssuerDto })
  @ApiProblems(...ADMIN_PROBLEMS, 'SLUG_TAKEN', 'CONFLICT', 'INVALID_REFERENCE')
  create(@Body() dto: CreateIssuerDto): Promise<IssuerDto> {
    return this.admin.createIssuer(dto);
  }

  @Patch(':slug')
  @ApiOperation({
    summary: 'Update, suspend, reinstate or close an issuer',
    description:
      "Changes an issuer's fields, or its status with a `reason`: `SUSPENDED` stops its issuing until reinstated (`ACTIVE`); `CLOSED` is final. Credentials already issued stay verifiable; the change is in the status history and the audit log.",
  })
  @ApiOkResponse({ type: IssuerDto })
  @ApiProblems(...ADMIN_PROBLEMS, 'NOT_FOUND', 'INVALID_STATUS_TRANSITION', 'INVALID_REFERENCE')
  update(@Param('slug') slug: string, @Body() dto: UpdateIssuerDto): Promise<IssuerDto> {
    return this.admin.updateIssuer(slug, dto);
  }

  @Post(':slug/accreditations')
  @ApiBody({
    type: CreateAccreditationDto,
    examples: {
      'elderly-care': {
        summary: 'Competency certificates in elderly care, CO-MNC levels 1 to 4, in Colombia',
        value: {
          credentialTypes: ['CompetencyCertificationCredential'],
          framework: 'CO-MNC',
          minLevel: 1,
          maxLevel: 4,
          occupations: ['5322'],
          jurisdiction: ['CO'],
          validFrom: '2026-01-01',
          accreditedBy: 'Ministerio del Trabajo (ficticio)',
          legalReference: 'Resolución 0001 de 2026 (ficticia)',
        },
      },
    },
  })
  @ApiOperation({
    summary: 'Record what the issuer may certify, where and when',
    description:
      'Records an accreditation: which credential types the issuer may issue, for which level range, fields, occupations or standards, in which countries, from and until when, and by whose authority. Issuing outside every accreditation is refused (422 NOT_ACCREDITED).',
  })
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
  @ApiOperation({
    summary: 'End an accreditation; it stays in the history',
    description:
      "Ends an accreditation on a date with a reason; it stays in the trust list's history, and credentials issued while it held stay accredited at issuance.",
  })
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
  @ApiBody({
    type: CreateApiKeyDto,
    examples: {
      'certificates-system': {
        summary: "A key for the issuer's certificate system",
        value: { label: 'Sistema de gestión de certificados' },
      },
    },
  })
  @ApiOperation({
    summary: 'Create an API key; the key is shown once',
    description:
      "Creates an API key (`rck_…`) for the issuer's systems; the key is in this answer only and stored hashed. Use it as `Authorization: Bearer`.",
  })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiProblems(...ADMIN_PROBLEMS, 'NOT_FOUND')
  createApiKey(
    @Param('slug') slug: string,
    @Body() dto: CreateApiKeyDto,
  ): Promise<CreatedApiKeyDto> {
    return this.admin.createApiKey(slug, dto);
  }

  @Get(':slug/api-keys')
  @ApiOperation({
    summary: "The issuer's API keys (never the keys themselves)",
    description:
      "The issuer's API keys: id, label, prefix, creation, last use and revocation; never the keys.",
  })
  @ApiOkResponse({ type: [ApiKeyDto] })
  @ApiProblems(...ADMIN_PROBLEMS, 'NOT_FOUND')
  listApiKeys(@Param('slug') slug: string): Promise<ApiKeyDto[]> {
    return this.admin.listApiKeys(slug);
  }

  @Delete(':slug/api-keys/:id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Revoke an API key',
    description: 'Revokes an API key at once; calls with it get 401. Audited.',
  })
  @ApiNoContentResponse()
  @ApiProblems(...ADMIN_PROBLEMS, 'NOT_FOUND', 'CONFLICT')
  revokeApiKey(@Param('slug') slug: string, @Param('id') id: string): Promise<void> {
    return this.admin.revokeApiKey(slug, id);
  }

  @Post(':slug/oauth-clients')
  @ApiBody({
    type: CreateOAuthClientDto,
    examples: {
      'issuing-platform': {
        summary: 'A platform that issues and reads credentials',
        value: {
          label: 'Plataforma de gestión (ficticia)',
          scopes: ['write:/issuer/credentials', 'read:/issuer/credentials'],
        },
      },
    },
  })
  @ApiOperation({
    summary: 'Create an OAuth client (client credentials grant); the secret is shown once',
    description:
      'Creates an OAuth 2.0 client for the client credentials grant at `POST /oauth/token`, limited to the scopes given; the secret is in this answer only and stored hashed.',
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
  @ApiOperation({
    summary: "The issuer's OAuth clients (never their secrets)",
    description:
      "The issuer's OAuth clients: id, label, scopes, creation and revocation; never their secrets.",
  })
  @ApiOkResponse({ type: [OAuthClientDto] })
  @ApiProblems(...ADMIN_PROBLEMS, 'NOT_FOUND')
  listOAuthClients(@Param('slug') slug: string): Promise<OAuthClientDto[]> {
    return this.admin.listOAuthClients(slug);
  }

  @Delete(':slug/oauth-clients/:id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Revoke an OAuth client: its access tokens stop working at once',
    description:
      'Revokes an OAuth client; the access tokens it was given stop working at once. Audited.',
  })
  @ApiNoContentResponse()
  @ApiProblems(...ADMIN_PROBLEMS, 'NOT_FOUND', 'CONFLICT')
  revokeOAuthClient(@Param('slug') slug: string, @Param('id') id: string): Promise<void> {
    return this.admin.revokeOAuthClient(slug, id);
  }

  @Post(':slug/keys/rotate')
  @ApiOperation({
    summary: 'Make a new signing key active; earlier keys stay published',
    description:
      "Makes a new signing key the issuer's active key. Earlier keys stay in the DID document, so credentials signed with them keep verifying. For a hosted did:key, the new key is a new DID.",
  })
  @ApiCreatedResponse({ type: IssuerKeyDto })
  @ApiProblems(...ADMIN_PROBLEMS, 'NOT_FOUND', 'KEY_NOT_MANAGED')
  rotateKey(@Param('slug') slug: string): Promise<IssuerKeyDto> {
    return this.admin.rotateKey(slug);
  }

  @Post(':slug/keys/:keyId/compromised')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Declare a key compromised: it leaves the DID document for good',
    description:
      'Declares a key compromised, exposed since a date (`since`, default now), with a reason: it leaves the DID document for good. Audited.',
  })
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
