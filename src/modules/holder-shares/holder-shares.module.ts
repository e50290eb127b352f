import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { HolderIdentityModule } from '../holder-identity/holder-identity.module.js';
import { SharesService } from './shares.service.js';
import { HOLDER_SHARES_ENTITIES } from './holder-shares.entities.js';

/**
 * Shares, on their own so that the verifiers module can import them (to resolve `/v/<token>` of
 * a share) without a cycle: the portal module imports the verifiers module for the events.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(HOLDER_SHARES_ENTITIES),
    AuditModule,
    CredentialsModule,
    HolderIdentityModule,
  ],
  providers: [SharesService],
  exports: [SharesService],
})
export class HolderSharesModule {}
