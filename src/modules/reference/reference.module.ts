import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { FrameworksController } from './frameworks.controller.js';
import { ReferenceController } from './reference.controller.js';
import { ReferenceDataSeeder } from './reference-data.seeder.js';
import { REFERENCE_ENTITIES } from './reference.entities.js';
import { ReferenceService } from './reference.service.js';

/** Countries, classifications, frameworks and standards; other modules use ReferenceService. */
@Module({
  imports: [TypeOrmModule.forFeature(REFERENCE_ENTITIES), AuditModule],
  controllers: [FrameworksController, ReferenceController],
  providers: [ReferenceService, ReferenceDataSeeder],
  exports: [ReferenceService],
})
export class ReferenceModule {}
