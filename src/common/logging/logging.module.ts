import { Global, Inject, Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';

export const PINO_LOGGER = Symbol('PINO_LOGGER');

/** Injects the service's pino logger: `@InjectLogger() logger: Logger`. */
export const InjectLogger = () => Inject(PINO_LOGGER);

@Global()
@Module({})
export class LoggingModule {
  static forRoot(logger: Logger): DynamicModule {
    return {
      module: LoggingModule,
      providers: [{ provide: PINO_LOGGER, useValue: logger }],
      exports: [PINO_LOGGER],
    };
  }
}
