import type { MigrationInterface, QueryRunner } from 'typeorm';

export class VerificationEvents1764800000000 implements MigrationInterface {
  name = 'VerificationEvents1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE verification_event (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        credential_id uuid NOT NULL,
        share_id uuid,
        at timestamptz NOT NULL,
        country char(2),
        purpose text,
        status text NOT NULL,
        outcome text,
        CONSTRAINT pk_verification_event PRIMARY KEY (id),
        CONSTRAINT fk_verification_event_credential FOREIGN KEY (credential_id) REFERENCES credential (id) ON DELETE RESTRICT
      )`);
    await queryRunner.query(
      'CREATE INDEX ix_verification_event_credential ON verification_event (credential_id, at)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE verification_event');
  }
}
