import { Module } from '@nestjs/common';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { RecognitionModule } from '../recognition/recognition.module.js';
import { RegistryModule } from '../registry/registry.module.js';
import { DemoPilot } from './demo-pilot.js';
import { DemoSeedService } from './demo-seed.service.js';

@Module({
  imports: [RegistryModule, CredentialsModule, RecognitionModule],
  providers: [DemoSeedService, DemoPilot],
  exports: [DemoSeedService],
})
export class DemoModule {}
