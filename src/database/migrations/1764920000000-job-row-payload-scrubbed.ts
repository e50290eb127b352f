import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A batch row's payload (the holder's name and ids, the subject) is needed only until the row is
 * settled: the statement that settles it clears it, so that the job keeps no personal data beside
 * the credential it issued. Rows settled before this migration are cleared by it.
 */
export class JobRowPayloadScrubbed1764920000000 implements MigrationInterface {
  name = 'JobRowPayloadScrubbed1764920000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE issuance_job_row ALTER COLUMN payload DROP NOT NULL');
    await queryRunner.query(`UPDATE issuance_job_row SET payload = NULL WHERE status <> 'PENDING'`);
    await queryRunner.query(`
      ALTER TABLE issuance_job_row ADD CONSTRAINT ck_issuance_job_row_payload
        CHECK ((status = 'PENDING') = (payload IS NOT NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE issuance_job_row DROP CONSTRAINT ck_issuance_job_row_payload',
    );
    // The cleared payloads are gone; settled rows get an empty one back.
    await queryRunner.query(
      `UPDATE issuance_job_row SET payload = '{}'::jsonb WHERE payload IS NULL`,
    );
    await queryRunner.query('ALTER TABLE issuance_job_row ALTER COLUMN payload SET NOT NULL');
  }
}
