import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditCheckpointsController } from './audit-checkpoints.controller.js';
import { AuditCheckpointsService } from './audit-checkpoints.service.js';
import { AuditController } from './audit.controller.js';
import { AuditService } from './audit.service.js';
import { AuditSigningKeyService } from './audit-signing-key.service.js';
import { AuditVerificationService } from './audit-verification.service.js';
import { AUDIT_ENTITIES } from './audit.entities.js';

@Module({
  imports: [TypeOrmModule.forFeature(AUDIT_ENTITIES)],
  controllers: [AuditController, AuditCheckpointsController],
  providers: [
    AuditService,
    AuditSigningKeyService,
    AuditCheckpointsService,
    AuditVerificationService,
  ],
  exports: [AuditService, AuditSigningKeyService],
})
export class AuditModule {}
