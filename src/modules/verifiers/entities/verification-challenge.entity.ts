import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A challenge handed out by `POST /challenges`, for a holder to sign into a presentation. Only
 * its SHA-256 is kept. It may be used once, before it expires (our policy, after the VCALM threat
 * model): `usedAt` is set by the verification that consumed it.
 */
@Entity('verification_challenge')
@Index('ix_verification_challenge_expires', ['expiresAt'])
export class VerificationChallenge {
  /** SHA-256 (hex) of the challenge. */
  @PrimaryColumn({
    type: 'char',
    length: 64,
    primaryKeyConstraintName: 'pk_verification_challenge',
  })
  challengeHash: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
