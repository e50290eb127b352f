import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { AdminAgreementsController } from './controllers/admin-agreements.controller.js';
import { RecognitionController } from './controllers/recognition.controller.js';
import { RecognitionDemoSeeder } from './recognition-demo.seeder.js';
import { RecognitionService } from './services/recognition.service.js';
import { AgreementsService } from './services/agreements.service.js';
import { RECOGNITION_ENTITIES } from './recognition.entities.js';

/** Agreements, equivalence mappings and the recognition engine; others use RecognitionService. */
@Module({
  imports: [TypeOrmModule.forFeature(RECOGNITION_ENTITIES), AuditModule, ReferenceModule],
  controllers: [RecognitionController, AdminAgreementsController],
  providers: [AgreementsService, RecognitionService, RecognitionDemoSeeder],
  exports: [RecognitionService, RecognitionDemoSeeder],
})
export class RecognitionModule {}
