import { Module, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { PINO_LOGGER } from '../common/logging/logging.module.js';
import type { Logger } from 'pino';
import { dataSourceOptions, openDataSource } from './data-source.js';
import { startDatabaseServer, type DatabaseServer } from './database-server.js';

export const DATABASE_SERVER = Symbol('DATABASE_SERVER');

/** Stops the embedded database, after the DataSource that talks to it is closed. */
class DatabaseServerLifecycle implements OnApplicationShutdown {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly server: DatabaseServer,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    const dataSource = this.moduleRef.get(DataSource, { strict: false });
    if (dataSource.isInitialized) await dataSource.destroy();
    await this.server.stop();
  }
}

@Module({
  providers: [
    {
      provide: DATABASE_SERVER,
      inject: [APP_CONFIG, PINO_LOGGER],
      useFactory: (config: AppConfig, logger: Logger) => startDatabaseServer(config, logger),
    },
    {
      provide: DatabaseServerLifecycle,
      inject: [ModuleRef, DATABASE_SERVER],
      useFactory: (moduleRef: ModuleRef, server: DatabaseServer) =>
        new DatabaseServerLifecycle(moduleRef, server),
    },
  ],
  exports: [DATABASE_SERVER],
})
class DatabaseServerModule {}

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      imports: [DatabaseServerModule],
      inject: [DATABASE_SERVER, PINO_LOGGER, APP_CONFIG],
      useFactory: (server: DatabaseServer, logger: Logger, config: AppConfig) =>
        dataSourceOptions(server.url, logger, {
          statementTimeoutMs: config.databaseStatementTimeoutMs,
        }),
      dataSourceFactory: async (options) => {
        if (!options) throw new TypeError('dataSourceFactory needs options');
        return openDataSource(options, { migrate: true });
      },
    }),
  ],
})
export class DatabaseModule {}
