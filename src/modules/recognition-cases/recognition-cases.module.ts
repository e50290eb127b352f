import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { HolderIdentityModule } from '../holder-identity/holder-identity.module.js';
import { HoldersModule } from '../holders/holders.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { RegistryModule } from '../registry/registry.module.js';
import { StatisticsRecordsModule } from '../statistics/statistics-records.module.js';
import { VerifiersModule } from '../verifiers/verifiers.module.js';
import { AdminCaseWorkersController } from './controllers/admin-case-workers.controller.js';
import { AuthorityCasesController } from './controllers/authority-cases.controller.js';
import { HolderCasesController } from './controllers/holder-cases.controller.js';
import { ProceduresController } from './controllers/procedures.controller.js';
import { RECOGNITION_CASES_ENTITIES } from './recognition-cases.entities.js';
import { CaseStatisticsSource } from './services/case-statistics.source.js';
import { CaseStoreService } from './services/case-store.service.js';
import { CaseWorkerSessionsService } from './services/case-worker-sessions.service.js';
import { CaseWorkersService } from './services/case-workers.service.js';
import { CaseworkService } from './services/casework.service.js';
import { CompetentAuthoritiesService } from './services/competent-authorities.service.js';
import { HolderCasesService } from './services/holder-cases.service.js';

/**
 * Recognition casework: a holder asks a competent authority, the authority decides with the
 * registry's verified evidence, and the decision is issued into the holder's records.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(RECOGNITION_CASES_ENTITIES),
    AuditModule,
    CredentialsModule,
    HolderIdentityModule,
    HoldersModule,
    ReferenceModule,
    RegistryModule,
    VerifiersModule,
    StatisticsRecordsModule,
  ],
  controllers: [
    ProceduresController,
    HolderCasesController,
    AuthorityCasesController,
    AdminCaseWorkersController,
  ],
  providers: [
    CompetentAuthoritiesService,
    CaseStoreService,
    HolderCasesService,
    CaseworkService,
    CaseWorkersService,
    CaseWorkerSessionsService,
    CaseStatisticsSource,
  ],
  // The web pages (src/web) call these in-process.
  exports: [
    CompetentAuthoritiesService,
    HolderCasesService,
    CaseworkService,
    CaseWorkersService,
    CaseWorkerSessionsService,
  ],
})
export class RecognitionCasesModule {}
