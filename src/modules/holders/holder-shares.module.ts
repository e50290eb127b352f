import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { HoldersModule } from './holders.module.js';
import { SharesService } from './shares.service.js';

/**
 * Shares, on their own so that the verifiers module can import them (to resolve `/v/<token>` of
 * a share) without a cycle: the portal module imports the verifiers module for the events.
 */
@Module({
  imports: [AuditModule, CredentialsModule, HoldersModule],
  providers: [SharesService],
  exports: [SharesService],
})
export class HolderSharesModule {}
