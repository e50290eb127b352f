import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { LessThan, type Repository } from 'typeorm';
import { sha256Hex } from '../../common/crypto/sha256.js';
import { VerificationChallenge } from './entities/verification-challenge.entity.js';

/** How long a challenge of `POST /challenges` may be used. */
export const CHALLENGE_TTL_MS = 10 * 60 * 1000;

/** What became of a challenge a presentation carried. */
export type ChallengeUse =
  /** Ours, unexpired and unused: now used. */
  | 'CONSUMED'
  /** Ours, and already used by an earlier verification: a replay. */
  | 'ALREADY_USED'
  /** Ours, and past its expiry. */
  | 'EXPIRED'
  /** Not one we handed out: the caller chose it, and answers for its freshness. */
  | 'NOT_ISSUED_HERE';

/**
 * Challenges for presentations (W3C VCALM `POST /challenges`). As our policy, after the VCALM
 * threat model (T14), a challenge we hand out is single-use and expires after
 * {@link CHALLENGE_TTL_MS}; only its hash is stored.
 */
@Injectable()
export class ChallengesService {
  constructor(
    @InjectRepository(VerificationChallenge)
    private readonly challenges: Repository<VerificationChallenge>,
  ) {}

  async create(now = new Date()): Promise<{ challenge: string; expires: Date }> {
    const challenge = `u${randomBytes(16).toString('base64url')}`;
    const expires = new Date(now.getTime() + CHALLENGE_TTL_MS);
    await this.challenges.insert({
      challengeHash: sha256Hex(challenge),
      createdAt: now,
      expiresAt: expires,
      usedAt: null,
    });
    // Expired challenges are of no use: forget them, a day on (a replay still reads EXPIRED).
    await this.challenges.delete({ expiresAt: LessThan(new Date(now.getTime() - 86_400_000)) });
    return { challenge, expires };
  }

  /**
   * Uses a challenge once: atomically marks an unexpired, unused challenge of ours as used, and
   * otherwise says why not.
   */
  async consume(challenge: string, now = new Date()): Promise<ChallengeUse> {
    const hash = sha256Hex(challenge);
    const used = await this.challenges
      .createQueryBuilder()
      .update()
      .set({ usedAt: now })
      .where('challenge_hash = :hash AND used_at IS NULL AND expires_at > :now', { hash, now })
      .execute();
    if ((used.affected ?? 0) > 0) return 'CONSUMED';
    const row = await this.challenges.findOneBy({ challengeHash: hash });
    if (!row) return 'NOT_ISSUED_HERE';
    return row.usedAt ? 'ALREADY_USED' : 'EXPIRED';
  }
}
