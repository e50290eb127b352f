import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { AuditSigningKeyService } from '../audit/audit-signing-key.service.js';
import { HolderIdentityModule } from '../holder-identity/holder-identity.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { RegistryModule } from '../registry/registry.module.js';
import { RegistryService } from '../registry/registry.service.js';
import { StatisticsRecordsModule } from '../statistics/statistics-records.module.js';
import { BatchRunnerService } from './batch/batch-runner.service.js';
import { BatchSubmissionService } from './batch/batch-submission.service.js';
import { IssuanceJobsService } from './batch/issuance-jobs.service.js';
import { IssuerBatchController } from './controllers/issuer-batch.controller.js';
import { IssuerCredentialsController } from './controllers/issuer-credentials.controller.js';
import { VcApiCredentialsController } from './controllers/vc-api-credentials.controller.js';
import {
  VcApiIssueController,
  VcApiJoseIssueController,
} from './controllers/vc-api-issue.controller.js';
import { StatusListsController } from './controllers/status-lists.controller.js';
import { CredentialsService } from './credentials.service.js';
import { CredentialRecordsService } from './services/credential-records.service.js';
import { IssuanceChecksService } from './services/issuance-checks.service.js';
import { IssuanceService } from './services/issuance.service.js';
import { OpenBadgesService } from './services/open-badges.service.js';
import { SigningService } from './services/signing.service.js';
import { OpenIssuanceService } from './services/open-issuance.service.js';
import { VcApiCredentialsService } from './services/vc-api-credentials.service.js';
import { VcApiCredentialStore } from './services/vc-api-credential-store.service.js';
import { VcApiIssuanceService } from './services/vc-api-issuance.service.js';
import { StatusListsService } from './services/status-lists.service.js';
import { VcEnvironmentService } from './services/vc-environment.service.js';
import { CREDENTIALS_ENTITIES } from './credentials.entities.js';

@Module({
  imports: [
    TypeOrmModule.forFeature(CREDENTIALS_ENTITIES),
    AuditModule,
    RegistryModule,
    ReferenceModule,
    HolderIdentityModule,
    StatisticsRecordsModule,
  ],
  controllers: [
    IssuerCredentialsController,
    IssuerBatchController,
    VcApiIssueController,
    VcApiJoseIssueController,
    VcApiCredentialsController,
    StatusListsController,
  ],
  providers: [
    VcEnvironmentService,
    SigningService,
    StatusListsService,
    OpenBadgesService,
    IssuanceChecksService,
    IssuanceService,
    VcApiCredentialStore,
    VcApiIssuanceService,
    OpenIssuanceService,
    VcApiCredentialsService,
    BatchSubmissionService,
    BatchRunnerService,
    IssuanceJobsService,
    CredentialRecordsService,
    CredentialsService,
  ],
  exports: [
    VcEnvironmentService,
    StatusListsService,
    CredentialRecordsService,
    IssuanceService,
    // The demo pilot issues through the batch path.
    BatchSubmissionService,
  ],
})
export class CredentialsModule implements OnModuleInit {
  constructor(
    private readonly env: VcEnvironmentService,
    private readonly statusLists: StatusListsService,
    private readonly registry: RegistryService,
    private readonly registryKey: AuditSigningKeyService,
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
    // The registry's own DID, which signs the audit checkpoints.
    this.env.addLocalResolver(async (url) =>
      url === this.registryKey.did ? this.registryKey.didDocument() : undefined,
    );
  }
}
