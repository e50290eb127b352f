import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RateLimitGuard } from '../../common/http/rate-limit.js';
import { AuditModule } from '../audit/audit.module.js';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { RegistryModule } from '../registry/registry.module.js';
import { StatisticsRecordsModule } from '../statistics/statistics-records.module.js';
import { VerifiersModule } from '../verifiers/verifiers.module.js';
import { HolderAccountController } from './controllers/holder-account.controller.js';
import { HolderAuthController } from './controllers/holder-auth.controller.js';
import { HolderCredentialsController } from './controllers/holder-credentials.controller.js';
import { HolderSharesController } from './controllers/holder-shares.controller.js';
import { HolderSharesModule } from '../holder-shares/holder-shares.module.js';
import { HolderIdentityModule } from '../holder-identity/holder-identity.module.js';
import { HolderAccountsService } from './services/holder-accounts.service.js';
import { HolderClaimsService } from './services/holder-claims.service.js';
import { HolderConsentsService } from './services/holder-consents.service.js';
import { HolderErasureHooks } from './services/holder-erasure-hooks.service.js';
import { HolderPreferencesService } from './services/holder-preferences.service.js';
import { HolderRecordsService } from './services/holder-records.service.js';
import { HolderRecoveryService } from './services/holder-recovery.service.js';
import { AssistedRecoveryController } from './controllers/assisted-recovery.controller.js';
import { HolderRightsService } from './services/holder-rights.service.js';
import { HolderSessionsService } from './services/holder-sessions.service.js';
import { LockoutsService } from './services/lockouts.service.js';
import { HOLDERS_ENTITIES } from './holders.entities.js';

/**
 * The holder API: accounts and sessions, records, claims, shares, consents and rights. It reads
 * verification events through the verifiers module, which in turn may import HolderSharesModule.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(HOLDERS_ENTITIES),
    AuditModule,
    CredentialsModule,
    HolderIdentityModule,
    HolderSharesModule,
    RegistryModule,
    VerifiersModule,
    StatisticsRecordsModule,
  ],
  controllers: [
    HolderAuthController,
    HolderCredentialsController,
    HolderSharesController,
    HolderAccountController,
    AssistedRecoveryController,
  ],
  providers: [
    LockoutsService,
    HolderSessionsService,
    HolderConsentsService,
    HolderClaimsService,
    HolderRecoveryService,
    HolderAccountsService,
    HolderRecordsService,
    HolderRightsService,
    HolderPreferencesService,
    HolderErasureHooks,
    RateLimitGuard,
  ],
  // The web portal (src/web) calls these in-process, as the holder API's controllers do.
  exports: [
    HolderSessionsService,
    HolderConsentsService,
    HolderAccountsService,
    HolderClaimsService,
    HolderRecordsService,
    HolderRecoveryService,
    HolderRightsService,
    HolderPreferencesService,
    HolderErasureHooks,
    // Also counts the case-worker console's failed logins (recognition-cases).
    LockoutsService,
  ],
})
export class HoldersModule {}
