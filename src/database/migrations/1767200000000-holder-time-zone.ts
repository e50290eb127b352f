import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The time zone the portal shows a holder's times in (HolderAccount.timeZone). */
export class HolderTimeZone1767200000000 implements MigrationInterface {
  name = 'HolderTimeZone1767200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE holder_account ADD COLUMN time_zone text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE holder_account DROP COLUMN time_zone');
  }
}
