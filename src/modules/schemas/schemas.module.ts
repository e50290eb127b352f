import { Module } from '@nestjs/common';
import { SchemasController } from './schemas.controller.js';
import { SchemasService } from './schemas.service.js';

/** Public JSON-LD context and credential JSON Schemas (`/contexts/v1`, `/schemas/<name>.json`). */
@Module({
  controllers: [SchemasController],
  providers: [SchemasService],
})
export class SchemasModule {}
