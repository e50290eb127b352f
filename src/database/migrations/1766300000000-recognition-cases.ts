import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Recognition cases, their exchange of messages and their supporting files (module recognition-cases). */
export class RecognitionCases1766300000000 implements MigrationInterface {
  name = 'RecognitionCases1766300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE recognition_case (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        holder_id uuid NOT NULL,
        authority_id uuid NOT NULL,
        destination_country text NOT NULL,
        purpose text NOT NULL,
        route text NOT NULL,
        legalisation text NOT NULL,
        status text NOT NULL,
        credential_ids uuid[] NOT NULL,
        origin_institution text,
        origin_programme text,
        standard_ids text[] NOT NULL,
        evidence jsonb NOT NULL,
        term_days integer NOT NULL,
        clock_since date,
        days_used integer NOT NULL,
        decision jsonb,
        decision_credential_id uuid,
        submitted_at timestamptz NOT NULL,
        closed_at timestamptz,
        updated_at timestamptz NOT NULL,
        CONSTRAINT pk_recognition_case PRIMARY KEY (id),
        CONSTRAINT ck_recognition_case_status
          CHECK (status IN ('SUBMITTED', 'IN_REVIEW', 'INFO_REQUESTED', 'DECIDED', 'WITHDRAWN')),
        CONSTRAINT fk_recognition_case_holder FOREIGN KEY (holder_id) REFERENCES holder (id) ON DELETE RESTRICT,
        CONSTRAINT fk_recognition_case_authority FOREIGN KEY (authority_id) REFERENCES issuer (id) ON DELETE RESTRICT
      )`);
    await queryRunner.query(
      'CREATE INDEX ix_recognition_case_holder ON recognition_case (holder_id, submitted_at)',
    );
    await queryRunner.query(
      'CREATE INDEX ix_recognition_case_authority ON recognition_case (authority_id, status)',
    );
    await queryRunner.query(`
      CREATE TABLE recognition_case_message (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL,
        author text NOT NULL,
        kind text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_recognition_case_message PRIMARY KEY (id),
        CONSTRAINT ck_recognition_case_message_author CHECK (author IN ('HOLDER', 'AUTHORITY')),
        CONSTRAINT fk_recognition_case_message_case FOREIGN KEY (case_id) REFERENCES recognition_case (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(
      'CREATE INDEX ix_recognition_case_message_case ON recognition_case_message (case_id, created_at)',
    );
    await queryRunner.query(`
      CREATE TABLE recognition_case_file (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL,
        message_id uuid NOT NULL,
        filename text NOT NULL,
        content_type text NOT NULL,
        size integer NOT NULL,
        sha256 char(64) NOT NULL,
        content bytea NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_recognition_case_file PRIMARY KEY (id),
        CONSTRAINT fk_recognition_case_file_case FOREIGN KEY (case_id) REFERENCES recognition_case (id) ON DELETE CASCADE,
        CONSTRAINT fk_recognition_case_file_message FOREIGN KEY (message_id) REFERENCES recognition_case_message (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(
      'CREATE INDEX ix_recognition_case_file_case ON recognition_case_file (case_id)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE recognition_case_file');
    await queryRunner.query('DROP TABLE recognition_case_message');
    await queryRunner.query('DROP TABLE recognition_case');
  }
}
