import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Pseudonymised certification records with their statistical annex, and consent exclusions. */
export class Statistics1765000000000 implements MigrationInterface {
  name = 'Statistics1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE statistics_record (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        subject_key text NOT NULL,
        issuer_slug text NOT NULL,
        issuer_country char(2) NOT NULL,
        credential_type text NOT NULL,
        issued_month date NOT NULL,
        isco_major char(1),
        meta_level smallint,
        sex text,
        nationality char(2),
        migration_status text,
        age_band text,
        disability text,
        ethnicity text,
        recorded_at timestamptz NOT NULL,
        CONSTRAINT pk_statistics_record PRIMARY KEY (id),
        CONSTRAINT ck_statistics_record_month CHECK (extract(day FROM issued_month) = 1)
      )`);
    await queryRunner.query(
      'CREATE INDEX ix_statistics_record_subject ON statistics_record (subject_key)',
    );
    await queryRunner.query(`
      CREATE TABLE statistics_exclusion (
        subject_key text NOT NULL,
        since timestamptz NOT NULL,
        CONSTRAINT pk_statistics_exclusion PRIMARY KEY (subject_key)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE statistics_exclusion');
    await queryRunner.query('DROP TABLE statistics_record');
  }
}
