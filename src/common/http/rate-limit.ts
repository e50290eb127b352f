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
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { AppConfig } from '../../config/config.js';
import { InjectConfig } from '../../config/config.module.js';
import { AppError } from '../errors/app-error.js';

const BUCKET = Symbol('RATE_LIMIT_BUCKET');

/**
 * Per-client limits on public endpoints, by client address. Counters live in this process: with
 * several replicas each enforces its own share, which bounds abuse without a shared store.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly limiters = new Map<string, RateLimiterMemory>();

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const bucket = this.reflector.get<string>(BUCKET, context.getHandler()) ?? 'public';
    let limiter = this.limiters.get(bucket);
    if (!limiter) {
      limiter = new RateLimiterMemory({
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
