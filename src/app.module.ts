import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { LoggingModule } from './common/logging/logging.module.js';
import type { AppConfig } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { AuthModule } from './common/auth/auth.module.js';
import { RateLimitModule } from './common/http/rate-limit.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { DemoModule } from './modules/demo/demo.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { CredentialsModule } from './modules/credentials/credentials.module.js';
import { HolderIdentityModule } from './modules/holder-identity/holder-identity.module.js';
import { ReferenceModule } from './modules/reference/reference.module.js';
import { RecognitionModule } from './modules/recognition/recognition.module.js';
import { RecognitionCasesModule } from './modules/recognition-cases/recognition-cases.module.js';
import { RegistryModule } from './modules/registry/registry.module.js';
import { VerifiersModule } from './modules/verifiers/verifiers.module.js';
import { HoldersModule } from './modules/holders/holders.module.js';
import { SchemasModule } from './modules/schemas/schemas.module.js';
import { StatisticsModule } from './modules/statistics/statistics.module.js';
import { WebModule } from './web/web.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(logger),
        DatabaseModule,
        AuthModule,
        RateLimitModule,
        HealthModule,
        ReferenceModule,
        AuditModule,
        RegistryModule,
        RecognitionModule,
        HolderIdentityModule,
        SchemasModule,
        CredentialsModule,
        DemoModule,
        VerifiersModule,
        HoldersModule,
        RecognitionCasesModule,
        StatisticsModule,
        WebModule,
      ],
    };
  }
}
