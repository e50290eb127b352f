import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { seedReferenceData } from './reference-data.seed.js';
import { ReferenceService } from './reference.service.js';

/**
 * Seeds the reference data once the database is migrated, before any module that imports
 * ReferenceModule initialises (Nest runs the hooks of imported modules first), whatever SEED_DEMO
 * says: without it the registry cannot check a country or a level. Then fills the service's
 * in-memory sets, so that checking a country or a code never needs a connection of its own.
 */
@Injectable()
export class ReferenceDataSeeder implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reference: ReferenceService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.dataSource.transaction((manager) => seedReferenceData(manager));
    await this.reference.preload();
  }
}
