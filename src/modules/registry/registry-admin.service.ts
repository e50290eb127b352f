import { Injectable } from '@nestjs/common';
import type { CreateAccreditationDto, EndAccreditationDto } from './dto/accreditation-input.dto.js';
import type {
  CreateApiKeyDto,
  CreateIssuerDto,
  MarkKeyCompromisedDto,
  UpdateIssuerDto,
} from './dto/issuer-input.dto.js';
import type {
  AccreditationDto,
  ApiKeyDto,
  CreatedApiKeyDto,
  IssuerDto,
  IssuerKeyDto,
} from './dto/issuer-view.dto.js';
import type {
  CreatedOAuthClientDto,
  CreateOAuthClientDto,
  OAuthClientDto,
} from './dto/oauth.dto.js';
import { accreditationView, apiKeyView, keyView, oauthClientView } from './registry-views.js';
import { RegistryService } from './registry.service.js';
import { AccreditationsService } from './services/accreditations.service.js';
import { ApiKeysService } from './services/api-keys.service.js';
import { IssuerKeysService } from './services/issuer-keys.service.js';
import { IssuersService } from './services/issuers.service.js';
import { OAuthClientsService } from './services/oauth-clients.service.js';

const ADMIN = 'admin';

/** The registry operator's use cases; every change is audited by the service that makes it. */
@Injectable()
export class RegistryAdminService {
  constructor(
    private readonly issuers: IssuersService,
    private readonly accreditations: AccreditationsService,
    private readonly apiKeys: ApiKeysService,
    private readonly keys: IssuerKeysService,
    private readonly registry: RegistryService,
    private readonly oauthClients: OAuthClientsService,
  ) {}

  async createIssuer(dto: CreateIssuerDto): Promise<IssuerDto> {
    const issuer = await this.issuers.create(dto, ADMIN);
    return this.registry.entry(issuer.slug);
  }

  async updateIssuer(slug: string, dto: UpdateIssuerDto): Promise<IssuerDto> {
    await this.issuers.update(slug, dto, ADMIN);
    return this.registry.entry(slug);
  }

  async accredit(slug: string, dto: CreateAccreditationDto): Promise<AccreditationDto> {
    const issuer = await this.issuers.requireBySlug(slug);
    return accreditationView(await this.accreditations.create(issuer, dto, ADMIN));
  }

  async endAccreditation(
    slug: string,
    id: string,
    dto: EndAccreditationDto,
  ): Promise<AccreditationDto> {
    const issuer = await this.issuers.requireBySlug(slug);
    return accreditationView(await this.accreditations.end(issuer, id, dto, ADMIN));
  }

  async createApiKey(slug: string, dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const issuer = await this.issuers.requireBySlug(slug);
    const { apiKey, secret } = await this.apiKeys.create(issuer, dto.label, ADMIN);
    return { ...apiKeyView(apiKey), apiKey: secret };
  }

  async listApiKeys(slug: string): Promise<ApiKeyDto[]> {
    const issuer = await this.issuers.requireBySlug(slug);
    return (await this.apiKeys.list(issuer)).map(apiKeyView);
  }

  async revokeApiKey(slug: string, id: string): Promise<void> {
    await this.apiKeys.revoke(await this.issuers.requireBySlug(slug), id, ADMIN);
  }

  async createOAuthClient(slug: string, dto: CreateOAuthClientDto): Promise<CreatedOAuthClientDto> {
    const issuer = await this.issuers.requireBySlug(slug);
    const { client, secret } = await this.oauthClients.create(
      issuer,
      { label: dto.label, scopes: dto.scopes },
      ADMIN,
    );
    return { ...oauthClientView(client), clientSecret: secret };
  }

  async listOAuthClients(slug: string): Promise<OAuthClientDto[]> {
    const issuer = await this.issuers.requireBySlug(slug);
    return (await this.oauthClients.list(issuer)).map(oauthClientView);
  }

  async revokeOAuthClient(slug: string, id: string): Promise<void> {
    await this.oauthClients.revoke(await this.issuers.requireBySlug(slug), id, ADMIN);
  }

  async rotateKey(slug: string): Promise<IssuerKeyDto> {
    return keyView(await this.keys.rotate(await this.issuers.requireBySlug(slug), ADMIN));
  }

  async markKeyCompromised(
    slug: string,
    keyId: string,
    dto: MarkKeyCompromisedDto,
  ): Promise<IssuerKeyDto> {
    const issuer = await this.issuers.requireBySlug(slug);
    const since = dto.since ? new Date(dto.since) : undefined;
    return keyView(
      await this.keys.markCompromised(issuer, keyId, { reason: dto.reason, since }, ADMIN),
    );
  }
}
