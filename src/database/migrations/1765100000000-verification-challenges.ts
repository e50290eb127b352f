import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The challenges of `POST /challenges`: single use, expiring (see VerificationChallenge). */
export class VerificationChallenges1765100000000 implements MigrationInterface {
  name = 'VerificationChallenges1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE verification_challenge (
        challenge_hash char(64) NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        CONSTRAINT pk_verification_challenge PRIMARY KEY (challenge_hash)
      )`);
    await queryRunner.query(
      'CREATE INDEX ix_verification_challenge_expires ON verification_challenge (expires_at)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE verification_challenge');
  }
}
