import { Module } from '@nestjs/common';
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

@Module({
  imports: [AuditModule, ReferenceModule],
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
