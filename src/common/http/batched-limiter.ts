import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

// The share of a key's budget one replica may admit before telling the others.
const LOCAL_SHARE = 0.1;

interface KeyState {
  /** The key's count in the shared store, as last heard. */
  shared: number;
  /** Admitted here and not yet written to the shared store. */
  pending: number;
  windowEnds: number;
  /** Refused by the shared store until then. */
  blockedUntil: number;
}

/** Admitted, or refused for this many milliseconds. */
export type Admission = { allowed: true } | { allowed: false; msBeforeNext: number };

export interface BatchedLimiterOptions {
  points: number;
  /** Seconds. */
  duration: number;
}

/**
 * A shared limiter (counters in the database) counted in memory first: a replica admits up to a
 * tenth of a key's budget on its own and writes the counts in batches (`flush`, every second), and
 * asks the database synchronously only past that share, or when the budget is nearly spent. A
 * refused key is refused from memory until its window ends.
 *
 * The price is a bounded over-admission: other replicas' unwritten admissions are unseen, so with
 * R replicas a key may get at most (R − 1) × 10 % of its budget more in a window. Below ten points
 * a minute there is no local share and every request asks the database (exact).
 */
export class BatchedLimiter {
  private readonly keys = new Map<string, KeyState>();
  private readonly localBudget: number;

  constructor(
    private readonly shared: RateLimiterAbstract,
    private readonly options: BatchedLimiterOptions,
  ) {
    this.localBudget = Math.floor(options.points * LOCAL_SHARE);
  }

  async consume(key: string): Promise<Admission> {
    const now = Date.now();
    let state = this.keys.get(key);
    if (state && now >= state.windowEnds) {
      state.shared = 0;
      state.windowEnds = now + this.options.duration * 1000;
      state.blockedUntil = 0;
    }
    if (state && now < state.blockedUntil) {
      return { allowed: false, msBeforeNext: state.blockedUntil - now };
    }
    if (!state) {
      state = {
        shared: 0,
        pending: 0,
        windowEnds: now + this.options.duration * 1000,
        blockedUntil: 0,
      };
      this.keys.set(key, state);
    }
    if (state.pending < this.localBudget && state.shared + state.pending < this.options.points) {
      state.pending += 1;
      return { allowed: true };
    }
    const points = state.pending + 1;
    state.pending = 0;
    try {
      this.learn(state, await this.shared.consume(key, points));
      return { allowed: true };
    } catch (error) {
      // The store refuses with a RateLimiterRes; anything else is its failure.
      if (!(error instanceof RateLimiterRes)) throw error;
      this.learn(state, error);
      state.blockedUntil = Date.now() + error.msBeforeNext;
      return { allowed: false, msBeforeNext: error.msBeforeNext };
    }
  }

  /** Writes the counts admitted here since the last flush; forgets keys whose window is over. */
  async flush(): Promise<void> {
    const now = Date.now();
    for (const [key, state] of this.keys) {
      if (state.pending === 0) {
        if (now >= state.windowEnds) this.keys.delete(key);
        continue;
      }
      const points = state.pending;
      state.pending = 0;
      try {
        this.learn(state, await this.shared.penalty(key, points));
      } catch (error) {
        // Kept for the next flush; the store's failure is the guard's to report.
        state.pending += points;
        if (!(error instanceof RateLimiterRes)) throw error;
      }
    }
  }

  private learn(state: KeyState, res: RateLimiterRes): void {
    state.shared = res.consumedPoints;
    state.windowEnds = Date.now() + res.msBeforeNext;
  }
}
