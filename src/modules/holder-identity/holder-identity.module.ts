import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { HolderIdentityService } from './holder-identity.service.js';
import { HolderDocumentsService } from './holder-documents.service.js';
import { HOLDER_IDENTITY_ENTITIES } from './holder-identity.entities.js';

/**
 * Holder identity: who a credential was issued to, by their documents. Issuance uses it, so it
 * depends only on the audit log (documents re-keyed to their canonical number are audited); the
 * portal (accounts, records, shares) is HoldersModule.
 */
@Module({
  imports: [TypeOrmModule.forFeature(HOLDER_IDENTITY_ENTITIES), AuditModule],
  providers: [HolderIdentityService, HolderDocumentsService],
  exports: [HolderIdentityService, HolderDocumentsService],
})
export class HolderIdentityModule {}
