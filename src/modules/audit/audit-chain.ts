import canonicalize from 'canonicalize';
import { sha256Hex } from '../../common/crypto/index.js';

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedEntry {
  seq: string;
  at: Date;
  actor: string;
  action: string;
  subject: string;
  data: Record<string, unknown>;
  prevHash: string;
}

/** SHA-256 over the RFC 8785 canonical JSON of every field but the hash itself. */
export function hashEntry(entry: ChainedEntry): string {
  const canonical = canonicalize({
    seq: entry.seq,
    at: entry.at.toISOString(),
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    data: entry.data,
    prevHash: entry.prevHash,
  });
  if (canonical === undefined) throw new TypeError('audit entry is not serialisable');
  return sha256Hex(canonical);
}

export type ChainBreak = {
  seq: string;
  reason: 'PREV_HASH_MISMATCH' | 'HASH_MISMATCH' | 'SEQ_GAP';
};

/** Checks a run of entries (ascending seq) that follows `prev`; the first broken link, if any. */
export function findBreak(
  entries: (ChainedEntry & { hash: string })[],
  prev: { seq: string; hash: string },
): ChainBreak | undefined {
  let previous = prev;
  for (const entry of entries) {
    if (BigInt(entry.seq) !== BigInt(previous.seq) + 1n)
      return { seq: entry.seq, reason: 'SEQ_GAP' };
    if (entry.prevHash !== previous.hash) return { seq: entry.seq, reason: 'PREV_HASH_MISMATCH' };
    if (hashEntry(entry) !== entry.hash) return { seq: entry.seq, reason: 'HASH_MISMATCH' };
    previous = entry;
  }
  return undefined;
}
