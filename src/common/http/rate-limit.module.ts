import { Global, Module } from '@nestjs/common';
import { RateLimiters } from './rate-limit.js';

/** One set of rate limiters per process, whichever module's routes are limited. */
@Global()
@Module({
  providers: [RateLimiters],
  exports: [RateLimiters],
})
export class RateLimitModule {}
