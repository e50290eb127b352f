import { Injectable } from '@nestjs/common';

/**
 * What modules above statistics tell it, through sources they register here: statistics sits
 * beneath them (issuance and the holder's rights write through it), so it never imports them.
 * Each module reads only its own tables and hands over plain facts; statistics counts and
 * protects them.
 */

/** Verification events grouped by what was declared: no person is behind one. */
export interface VerificationCount {
  /** The year of the check, `YYYY`. */
  year: string;
  /** The destination country the verifier declared; null when none was. */
  country: string | null;
  purpose: string | null;
  /** The recognition outcome, when a country was declared. */
  outcome: string | null;
  count: number;
}

/** Where a case stands for statistics: open within its term, open past it, or closed. */
export const CASE_STATES = ['IN_TERM', 'OVERDUE', 'DECIDED', 'WITHDRAWN'] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** One recognition case as statistics count it. */
export interface CaseFact {
  /** Used only to key the holder's pseudonym (consent, distinct people); never kept. */
  holderId: string;
  destinationCountry: string;
  /** The year the case was opened, `YYYY`. */
  year: string;
  route: string;
  legalisation: string;
  state: CaseState;
  /** Days from submission to decision, for a decided case. */
  daysToDecision: number | null;
}

export interface StatisticsSource {
  /** Changes whenever the facts may have changed: a cache key. */
  fingerprint(): Promise<string>;
  verifications?(): Promise<VerificationCount[]>;
  cases?(): Promise<CaseFact[]>;
}

/** The sources registered by the modules above (verifiers, recognition-cases) at start. */
@Injectable()
export class StatisticsSourcesService {
  private readonly sources = new Map<string, StatisticsSource>();

  register(name: string, source: StatisticsSource): void {
    this.sources.set(name, source);
  }

  async fingerprint(): Promise<string> {
    const parts = await Promise.all(
      [...this.sources].map(async ([name, source]) => `${name}:${await source.fingerprint()}`),
    );
    return parts.sort().join('|');
  }

  async verifications(): Promise<VerificationCount[]> {
    const lists = await Promise.all(
      [...this.sources.values()].map((source) => source.verifications?.() ?? Promise.resolve([])),
    );
    return lists.flat();
  }

  async cases(): Promise<CaseFact[]> {
    const lists = await Promise.all(
      [...this.sources.values()].map((source) => source.cases?.() ?? Promise.resolve([])),
    );
    return lists.flat();
  }
}
