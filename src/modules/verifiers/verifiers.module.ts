import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RateLimitGuard } from '../../common/http/rate-limit.js';
import { AuditModule } from '../audit/audit.module.js';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { HolderSharesModule } from '../holder-shares/holder-shares.module.js';
import { RecognitionModule } from '../recognition/recognition.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { RegistryModule } from '../registry/registry.module.js';
import { StatisticsRecordsModule } from '../statistics/statistics-records.module.js';
import { VcApiController } from './controllers/vc-api.controller.js';
import { VerificationsController } from './controllers/verifications.controller.js';
import { RecognitionBridge } from './recognition-bridge.js';
import { ChallengesService } from './challenges.service.js';
import { VcApiPresentationsService } from './vc-api-presentations.service.js';
import { VcApiVerificationService } from './vc-api-verification.service.js';
import { VerificationPipelineService } from './verification-pipeline.service.js';
import { VerificationAnswersService } from './verification-answers.service.js';
import { VerificationEventsWriter } from './verification-events.writer.js';
import { CachedVerificationReads } from './cached-verification-reads.js';
import { VerificationStatisticsSource } from './verification-statistics.source.js';
import { VERIFIERS_ENTITIES } from './verifiers.entities.js';

@Module({
  imports: [
    TypeOrmModule.forFeature(VERIFIERS_ENTITIES),
    CredentialsModule,
    RegistryModule,
    ReferenceModule,
    RecognitionModule,
    AuditModule,
    HolderSharesModule,
    StatisticsRecordsModule,
  ],
  controllers: [VerificationsController, VcApiController],
  providers: [
    VerificationPipelineService,
    CachedVerificationReads,
    VcApiVerificationService,
    VcApiPresentationsService,
    ChallengesService,
    VerificationAnswersService,
    RecognitionBridge,
    VerificationEventsWriter,
    VerificationStatisticsSource,
    RateLimitGuard,
  ],
  exports: [VerificationPipelineService, VerificationAnswersService],
})
export class VerifiersModule {}
