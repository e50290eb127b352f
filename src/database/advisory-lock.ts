import type { DataSource } from 'typeorm';

/**
 * Runs `work` while this process holds the session-level advisory lock `id`, so replicas that
 * start together take turns (migrations, the demo seed). The lock is held on a connection of its
 * own; `work` uses the pool as usual.
 */
export async function withAdvisoryLock<T>(
  dataSource: DataSource,
  id: number,
  work: () => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    // Waiting for another replica's turn is not a slow statement.
    await runner.query('SET statement_timeout = 0');
    await runner.query('SELECT pg_advisory_lock($1)', [id]);
    try {
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [id]);
    }
  } finally {
    await runner.query('RESET statement_timeout').catch(() => undefined);
    await runner.release();
  }
}
