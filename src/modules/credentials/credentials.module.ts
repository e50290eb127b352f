import { Module, type OnModuleInit } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { HoldersModule } from '../holders/holders.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { RegistryModule } from '../registry/registry.module.js';
import { RegistryService } from '../registry/registry.service.js';
import { IssuerCredentialsController } from './controllers/issuer-credentials.controller.js';
import { StatusListsController } from './controllers/status-lists.controller.js';
import { CredentialsService } from './credentials.service.js';
import { CredentialRecordsService } from './services/credential-records.service.js';
import { IssuanceService } from './services/issuance.service.js';
import { StatusListsService } from './services/status-lists.service.js';
import { VcEnvironmentService } from './services/vc-environment.service.js';

@Module({
  imports: [AuditModule, RegistryModule, ReferenceModule, HoldersModule],
  controllers: [IssuerCredentialsController, StatusListsController],
  providers: [
    VcEnvironmentService,
    StatusListsService,
    IssuanceService,
    CredentialRecordsService,
    CredentialsService,
  ],
  exports: [VcEnvironmentService, StatusListsService, CredentialRecordsService, IssuanceService],
})
export class CredentialsModule implements OnModuleInit {
  constructor(
    private readonly env: VcEnvironmentService,
    private readonly statusLists: StatusListsService,
    private readonly registry: RegistryService,
  ) {}

  /** Our own DID documents and status lists are answered locally, never fetched. */
  onModuleInit(): void {
    const didPrefix = /^did:web:.+:issuers:([a-z0-9-]+)$/;
    this.env.addLocalResolver(async (url) => {
      const slug = didPrefix.exec(url)?.[1];
      if (!slug) return undefined;
      return this.registry.didDocument(slug).catch(() => undefined);
    });
    this.env.addLocalResolver((url) => this.statusLists.publishedByUrl(url));
  }
}
