import { Module } from '@nestjs/common';
import { RateLimitGuard } from '../../common/http/rate-limit.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { AdminIssuersController } from './controllers/admin-issuers.controller.js';
import { IssuerSelfController } from './controllers/issuer-self.controller.js';
import { OAuthTokenController } from './controllers/oauth-token.controller.js';
import { RegistryController } from './controllers/registry.controller.js';
import { RegistryAdminService } from './registry-admin.service.js';
import { RegistryService } from './registry.service.js';
import { AccreditationsService } from './services/accreditations.service.js';
import { ApiKeysService } from './services/api-keys.service.js';
import { IssuerKeysService } from './services/issuer-keys.service.js';
import { IssuersService } from './services/issuers.service.js';
import { OAuthClientsService } from './services/oauth-clients.service.js';
import { OAuthTokensService } from './services/oauth-tokens.service.js';
import { REGISTRY_ENTITIES } from './registry.entities.js';

@Module({
  imports: [TypeOrmModule.forFeature(REGISTRY_ENTITIES), AuditModule, ReferenceModule],
  controllers: [
    RegistryController,
    AdminIssuersController,
    IssuerSelfController,
    OAuthTokenController,
  ],
  providers: [
    IssuersService,
    IssuerKeysService,
    AccreditationsService,
    ApiKeysService,
    RegistryService,
    RegistryAdminService,
    OAuthClientsService,
    OAuthTokensService,
    RateLimitGuard,
  ],
  exports: [
    IssuersService,
    IssuerKeysService,
    AccreditationsService,
    RegistryService,
    RegistryAdminService,
  ],
})
export class RegistryModule {}
