import type { AuditService } from './audit.service.js';

// Entries kept per cache; the oldest goes first past it.
const DEFAULT_LIMIT = 1_000;

/**
 * Values of audited facts (issuers, keys, accreditations), kept in memory under the facts revision
 * read before they were loaded (`AuditService.knownFactsSeq`): every change to them is audited
 * by an action that moves it, so the next revision drops them.
 * While this replica does not know the revision without a query, nothing is cached. Concurrent
 * callers share one load; a failed load is not kept. Values are frozen: callers share them.
 */
export class RevisionCache<T extends object> {
  private readonly entries = new Map<string, { revision: string; value: Promise<T> }>();

  constructor(
    private readonly audit: AuditService,
    private readonly limit = DEFAULT_LIMIT,
  ) {}

  /** `keep` says whether a loaded value may be kept (a caller may, say, keep only what it found). */
  get(key: string, load: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
    const revision = this.audit.knownFactsSeq();
    if (revision === undefined) return load();
    const cached = this.entries.get(key);
    if (cached?.revision === revision) return cached.value;
    const value = load().then((loaded) => Object.freeze(loaded));
    this.entries.delete(key);
    this.entries.set(key, { revision, value });
    const forget = () => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    };
    value.then((loaded) => {
      if (!keep(loaded)) forget();
    }, forget);
    if (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return value;
  }
}
