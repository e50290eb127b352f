import {
  Injectable,
  SetMetadata,
  UseGuards,
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { InjectDataSource } from '@nestjs/typeorm';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/config.js';
import { InjectConfig } from '../../config/config.module.js';
import { AppError } from '../errors/app-error.js';
import { createSharedLimiter } from './rate-limit-store.js';

const BUCKET = Symbol('RATE_LIMIT_BUCKET');

/**
 * Per-client limits on public endpoints, by client address. Counters live in the database
 * (`rate_limit`), so replicas share one budget per client and bucket.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const bucket = this.reflector.get<string>(BUCKET, context.getHandler()) ?? 'public';
    let limiter = this.limiters.get(bucket);
    if (!limiter) {
      limiter = createSharedLimiter(this.dataSource, {
        keyPrefix: `rate-${bucket}`,
        points: this.config.publicRateLimitPerMinute,
        duration: 60,
      });
      this.limiters.set(bucket, limiter);
    }
    const req = context.switchToHttp().getRequest<Request>();
    try {
      await limiter.consume(req.ip ?? 'unknown');
      return true;
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw new AppError('RATE_LIMITED', 'Too many requests; try again later.', {
        headers: { 'Retry-After': String(seconds) },
      });
    }
  }
}

/** Limits a route per client; routes naming the same bucket share one budget. */
export const RateLimited = (bucket: string) =>
  applyDecorators(SetMetadata(BUCKET, bucket), UseGuards(RateLimitGuard));
