import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate limits and lockouts, shared by every replica: one counter per key (bucket and client
 * address, or account HMAC), in the layout rate-limiter-flexible's PostgreSQL store reads and
 * writes (`expire` in epoch milliseconds). Expired counters are deleted by the service.
 */
export class RateLimits1765200000000 implements MigrationInterface {
  name = 'RateLimits1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rate_limit (
        key varchar(255) NOT NULL,
        points integer NOT NULL DEFAULT 0,
        expire bigint,
        CONSTRAINT pk_rate_limit PRIMARY KEY (key)
      )`);
    await queryRunner.query('CREATE INDEX ix_rate_limit_expire ON rate_limit (expire)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE rate_limit');
  }
}
