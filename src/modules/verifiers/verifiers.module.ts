import { Module } from '@nestjs/common';
import { RateLimitGuard } from '../../common/http/rate-limit.js';
import { AuditModule } from '../audit/audit.module.js';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { HolderSharesModule } from '../holders/holder-shares.module.js';
import { RecognitionModule } from '../recognition/recognition.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { RegistryModule } from '../registry/registry.module.js';
import { VcApiController } from './controllers/vc-api.controller.js';
import { VerificationsController } from './controllers/verifications.controller.js';
import { VerifyPageController } from './controllers/verify-page.controller.js';
import { RecognitionBridge } from './recognition-bridge.js';
import { VerificationService } from './verification.service.js';
import { VerifiersService } from './verifiers.service.js';

@Module({
  imports: [
    CredentialsModule,
    RegistryModule,
    ReferenceModule,
    RecognitionModule,
    AuditModule,
    HolderSharesModule,
  ],
  controllers: [VerificationsController, VcApiController, VerifyPageController],
  providers: [VerificationService, VerifiersService, RecognitionBridge, RateLimitGuard],
  exports: [VerificationService, VerifiersService],
})
export class VerifiersModule {}
