import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { AdminIssuersController } from './controllers/admin-issuers.controller.js';
import { IssuerSelfController } from './controllers/issuer-self.controller.js';
import { RegistryController } from './controllers/registry.controller.js';
import { RegistryAdminService } from './registry-admin.service.js';
import { RegistryService } from './registry.service.js';
import { AccreditationsService } from './services/accreditations.service.js';
import { ApiKeysService } from './services/api-keys.service.js';
import { IssuerKeysService } from './services/issuer-keys.service.js';
import { IssuersService } from './services/issuers.service.js';
import { REGISTRY_ENTITIES } from './registry.entities.js';

@Module({
  imports: [TypeOrmModule.forFeature(REGISTRY_ENTITIES), AuditModule, ReferenceModule],
  controllers: [RegistryController, AdminIssuersController, IssuerSelfController],
  providers: [
    IssuersService,
    IssuerKeysService,
    AccreditationsService,
    ApiKeysService,
    RegistryService,
    RegistryAdminService,
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
