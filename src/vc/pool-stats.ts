/** What a signing or verification pool has done: figures for the service's metrics. */
export interface PoolStats {
  mode: 'threads' | 'inline';
  /** Worker threads at most (0 inline). */
  threads: number;
  /** Worker threads running now: they start as tasks need them and exit when idle. */
  liveThreads: number;
  /** Tasks answered, with a result or an error, since the pool started. */
  tasksRun: number;
  /** Live worker threads that applied the JSON-LD tuning (see `shareJsonLdTermDefinitions`). */
  tunedThreads: number;
}

/** The fact a worker announces when it applied the JSON-LD tuning. */
export const JSONLD_TUNED = 'jsonLdTuned';

/** The figures of a pool of worker threads (see `ThreadPool`). */
export function threadPoolStats(pool: {
  size: number;
  live: number;
  tasksRun: number;
  workersWith(fact: string): number;
}): PoolStats {
  return {
    mode: 'threads',
    threads: pool.size,
    liveThreads: pool.live,
    tasksRun: pool.tasksRun,
    tunedThreads: pool.workersWith(JSONLD_TUNED),
  };
}

/** The figures of a pool that runs its tasks on the calling thread, untuned. */
export function inlinePoolStats(tasksRun: number): PoolStats {
  return { mode: 'inline', threads: 0, liveThreads: 0, tasksRun, tunedThreads: 0 };
}
