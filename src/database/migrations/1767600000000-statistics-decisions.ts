import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A recognition decision's outcome and the origin country it recognised, for the decision tables. */
export class StatisticsDecisions1767600000000 implements MigrationInterface {
  name = 'StatisticsDecisions1767600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE statistics_record
        ADD COLUMN decision_outcome text,
        ADD COLUMN origin_country char(2),
        ADD CONSTRAINT ck_statistics_record_decision_outcome
          CHECK (decision_outcome IN ('GRANTED', 'GRANTED_WITH_CONDITIONS', 'DENIED'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE statistics_record
        DROP CONSTRAINT ck_statistics_record_decision_outcome,
        DROP COLUMN origin_country,
        DROP COLUMN decision_outcome`);
  }
}
