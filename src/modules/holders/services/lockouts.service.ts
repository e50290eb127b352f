import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { AppError } from '../../../common/errors/app-error.js';
import { createSharedLimiter } from '../../../common/http/rate-limit-store.js';
import type { AppConfig } from '../../../config/config.js';
import { InjectConfig } from '../../../config/config.module.js';

/** The pause after the n-th consecutive failed login of an account: 0, 250 ms, 500 ms, 1 s, 2 s… */
export function slowdownMs(consecutiveFailures: number): number {
  if (consecutiveFailures <= 1) return 0;
  return Math.min(2000, 250 * 2 ** (consecutiveFailures - 2));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Failed logins and wrong claim codes, counted per account (consecutive failures) and per client
 * address (failures in a window). Past the limit the account or client is locked for a while
 * (429 with Retry-After), even for a right password. Accounts are keyed by the document's HMAC,
 * whether an account exists or not, so a lock says nothing about who has one.
 *
 * Counters live in the database (`rate_limit`), like the other rate limits: every replica counts
 * against the same budget and sees the same locks.
 */
@Injectable()
export class LockoutsService {
  private readonly loginsByAccount: RateLimiterAbstract;
  private readonly loginsByClient: RateLimiterAbstract;
  private readonly claimsByClient: RateLimiterAbstract;
  private readonly lockSeconds: number;

  constructor(@InjectConfig() config: AppConfig, @InjectDataSource() dataSource: DataSource) {
    const limits = config.holderLockout;
    this.lockSeconds = limits.seconds;
    const limiter = (keyPrefix: string, points: number) =>
      createSharedLimiter(dataSource, { keyPrefix, points, duration: limits.seconds });
    this.loginsByAccount = limiter('holder-login-account', limits.loginFailuresPerAccount);
    this.loginsByClient = limiter('holder-login-client', limits.loginFailuresPerClient);
    this.claimsByClient = limiter('holder-claim-client', limits.claimFailuresPerClient);
  }

  /** @throws AppError RATE_LIMITED while the account or the client is locked. */
  async assertLoginAllowed(accountKey: string, client: string): Promise<void> {
    await this.assertOpen(this.loginsByAccount, accountKey);
    await this.assertOpen(this.loginsByClient, client);
  }

  /** Counts a failed login and waits a little longer after each consecutive failure. */
  async loginFailed(accountKey: string, client: string): Promise<void> {
    const account = await this.fail(this.loginsByAccount, accountKey);
    await this.fail(this.loginsByClient, client);
    await sleep(slowdownMs(account));
  }

  /** A right password ends the account's run of failures (not the client's). */
  async loginSucceeded(accountKey: string): Promise<void> {
    await this.loginsByAccount.delete(accountKey);
  }

  async assertClaimsAllowed(client: string): Promise<void> {
    await this.assertOpen(this.claimsByClient, client);
  }

  async claimFailed(client: string): Promise<void> {
    await this.fail(this.claimsByClient, client);
  }

  private async assertOpen(limiter: RateLimiterAbstract, key: string): Promise<void> {
    const state = await limiter.get(key);
    if (state && state.consumedPoints >= limiter.points) throw rateLimited(state);
  }

  /** Counts one failure; the one that reaches the limit locks the key for the lock period. */
  private async fail(limiter: RateLimiterAbstract, key: string): Promise<number> {
    const state = await limiter.penalty(key, 1);
    if (state.consumedPoints >= limiter.points) await limiter.block(key, this.lockSeconds);
    return state.consumedPoints;
  }
}

function rateLimited(state: RateLimiterRes): AppError {
  const seconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  return new AppError('RATE_LIMITED', 'Too many failed attempts; try again later.', {
    headers: { 'Retry-After': String(seconds) },
  });
}
