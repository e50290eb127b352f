import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module.js';
import { DemoSeedService } from './demo-seed.service.js';

@Module({
  imports: [RegistryModule],
  providers: [DemoSeedService],
  exports: [DemoSeedService],
})
export class DemoModule {}
