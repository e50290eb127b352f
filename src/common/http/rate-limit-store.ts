import { RateLimiterPostgres } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';

export interface LimiterOptions {
  /** Names the budget; keys of different prefixes never share a counter. */
  keyPrefix: string;
  /** Points a key may consume within `duration`. */
  points: number;
  /** Seconds. */
  duration: number;
}

interface StoreResult {
  rows: unknown[];
  rowCount: number;
}

/**
 * A limiter whose counters are rows of `rate_limit` (see its migration), so that every replica on
 * the database counts against the same budget. Its statements go through the DataSource like any
 * other — bounded by the statement timeout, a failure answered 503, no parameter logged — by a
 * small adapter in the shape of a `pg` pool, which is what the store expects.
 */
export function createSharedLimiter(
  dataSource: DataSource,
  options: LimiterOptions,
): RateLimiterPostgres {
  const storeClient = {
    async query({ text, values }: { text: string; values?: unknown[] }): Promise<StoreResult> {
      const runner = dataSource.createQueryRunner();
      try {
        const result = await runner.query(text, values, true);
        return { rows: result.records ?? [], rowCount: result.affected ?? 0 };
      } finally {
        await runner.release();
      }
    },
  };
  return new RateLimiterPostgres({
    ...options,
    storeClient,
    storeType: 'pool',
    tableName: 'rate_limit',
    // The table is the migration's; the store must not create one.
    tableCreated: true,
  });
}
