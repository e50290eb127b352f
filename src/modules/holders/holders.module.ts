import { Module } from '@nestjs/common';
import { HoldersService } from './holders.service.js';
import { HolderDocumentsService } from './services/holder-documents.service.js';

/**
 * Holder identity: who a credential was issued to, by their documents. Issuance uses it, so it
 * depends on nothing else of ours; the portal (accounts, records, shares) is HolderPortalModule.
 */
@Module({
  providers: [HoldersService, HolderDocumentsService],
  exports: [HoldersService, HolderDocumentsService],
})
export class HoldersModule {}
