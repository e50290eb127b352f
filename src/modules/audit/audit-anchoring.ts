import { findBreak, type ChainedEntry } from './audit-chain.js';

export type AnchoredBreakReason =
  'PREV_HASH_MISMATCH' | 'HASH_MISMATCH' | 'SEQ_GAP' | 'CHECKPOINT_MISMATCH' | 'ENTRIES_MISSING';

export interface AnchoredBreak {
  seq: string;
  reason: AnchoredBreakReason;
  /** For CHECKPOINT_MISMATCH and ENTRIES_MISSING: the checkpoint the chain contradicts. */
  checkpointSeq?: string;
}

/** Where a walk of the chain stands: the last entry whose links and checkpoints all hold. */
export interface ChainWalk {
  previous: { seq: string; hash: string };
  /** Entries checked so far. */
  entries: number;
  /** The newest entry a checkpoint vouched for, '0' before the first. */
  vouchedSeq: string;
  broken?: AnchoredBreak;
}

/**
 * Checks the next run of entries (ascending seq) of a chain walk: each link (sequence, previous
 * hash, own hash) and, at every sequence a checkpoint signed, the hash the checkpoint holds. A
 * checkpoint that no longer matches means the entries since the previous matching checkpoint were
 * rewritten with hashes recomputed: the break is placed right after that checkpoint, the last
 * point known to be genuine.
 */
export function walkEntries(
  walk: ChainWalk,
  entries: (ChainedEntry & { hash: string })[],
  checkpoints: ReadonlyMap<string, string>,
): ChainWalk {
  let { previous, entries: count, vouchedSeq } = walk;
  for (const entry of entries) {
    const broken = findBreak([entry], previous);
    if (broken) return { previous, entries: count, vouchedSeq, broken };
    const signed = checkpoints.get(entry.seq);
    if (signed !== undefined && signed !== entry.hash) {
      return {
        previous,
        entries: count,
        vouchedSeq,
        broken: {
          seq: String(BigInt(vouchedSeq) + 1n),
          reason: 'CHECKPOINT_MISMATCH',
          checkpointSeq: entry.seq,
        },
      };
    }
    if (signed !== undefined) vouchedSeq = entry.seq;
    previous = entry;
    count += 1;
  }
  return { previous, entries: count, vouchedSeq };
}

/** The end of a walk: entries a checkpoint covered but the chain no longer holds are missing. */
export function finishWalk(walk: ChainWalk, latestCheckpointSeq: string | undefined): ChainWalk {
  if (walk.broken || latestCheckpointSeq === undefined) return walk;
  if (BigInt(latestCheckpointSeq) <= BigInt(walk.previous.seq)) return walk;
  return {
    ...walk,
    broken: {
      seq: String(BigInt(walk.previous.seq) + 1n),
      reason: 'ENTRIES_MISSING',
      checkpointSeq: latestCheckpointSeq,
    },
  };
}
