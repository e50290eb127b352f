import { Module } from '@nestjs/common';
import { HoldersService } from './holders.service.js';

/** Holder identity; registration, sessions, records and shares come later (issue 6). */
@Module({
  providers: [HoldersService],
  exports: [HoldersService],
})
export class HoldersModule {}
