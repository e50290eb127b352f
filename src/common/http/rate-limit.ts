import {
  Injectable,
  Logger,
  SetMetadata,
  UseGuards,
  applyDecorators,
  type BeforeApplicationShutdown,
  type CanActivate,
  type ExecutionContext,
  type OnModuleInit,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { IncomingMessage } from 'node:http';
import type { Request } from 'express';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/config.js';
import { InjectConfig } from '../../config/config.module.js';
import { AppError } from '../errors/app-error.js';
import { BatchedLimiter } from './batched-limiter.js';
import { createSharedLimiter } from './rate-limit-store.js';

const BUCKET = Symbol('RATE_LIMIT_BUCKET');
const ADMITTED = Symbol('RATE_LIMIT_ADMITTED');
const FLUSH_INTERVAL_MS = 1_000;

/**
 * The limiter of each bucket, one per process: counters live in the database (`rate_limit`), so
 * replicas share one budget per client and bucket, and are counted in memory first (see
 * `BatchedLimiter` for the bounded over-admission this allows), written every second and on
 * shutdown.
 */
@Injectable()
export class RateLimiters implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(RateLimiters.name);
  private readonly limiters = new Map<string, BatchedLimiter>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  of(bucket: string): BatchedLimiter {
    let limiter = this.limiters.get(bucket);
    if (!limiter) {
      const options = { points: this.config.publicRateLimitPerMinute, duration: 60 };
      limiter = new BatchedLimiter(
        createSharedLimiter(this.dataSource, { keyPrefix: `rate-${bucket}`, ...options }),
        options,
      );
      this.limiters.set(bucket, limiter);
    }
    return limiter;
  }

  private async flush(): Promise<void> {
    for (const limiter of this.limiters.values()) {
      await limiter.flush().catch((error: unknown) => {
        this.logger.warn(`rate limit counts not written yet: ${(error as Error).message}`);
      });
    }
  }
}

/**
 * For a request counted already, before the framework (the `/v/` fast path): not twice. Express
 * makes its request of the server's own object, so the mark is still there for the guard.
 */
export function markAdmitted(req: IncomingMessage): void {
  (req as IncomingMessage & { [ADMITTED]?: boolean })[ADMITTED] = true;
}

/** Per-client limits on public endpoints, by client address, shared by replicas. */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly limiters: RateLimiters,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const bucket = this.reflector.get<string>(BUCKET, context.getHandler()) ?? 'public';
    const req = context.switchToHttp().getRequest<Request & { [ADMITTED]?: boolean }>();
    if (req[ADMITTED]) return true;
    const admission = await this.limiters.of(bucket).consume(req.ip ?? 'unknown');
    if (admission.allowed) return true;
    const seconds = Math.max(1, Math.ceil(admission.msBeforeNext / 1000));
    throw new AppError('RATE_LIMITED', 'Too many requests; try again later.', {
      headers: { 'Retry-After': String(seconds) },
    });
  }
}

/** Limits a route per client; routes naming the same bucket share one budget. */
export const RateLimited = (bucket: string) =>
  applyDecorators(SetMetadata(BUCKET, bucket), UseGuards(RateLimitGuard));
