import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The case-worker console: staff accounts of competent authorities and their sessions. */
export class CaseWorkers1767400000000 implements MigrationInterface {
  name = 'CaseWorkers1767400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE case_worker (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        authority_id uuid NOT NULL,
        name text NOT NULL,
        login text NOT NULL,
        status text NOT NULL,
        password_hash text,
        totp_secret_sealed text,
        totp_last_step bigint,
        enrolment_code_hash text,
        enrolment_expires_at timestamptz,
        created_at timestamptz NOT NULL,
        enrolled_at timestamptz,
        disabled_at timestamptz,
        CONSTRAINT pk_case_worker PRIMARY KEY (id),
        CONSTRAINT fk_case_worker_authority FOREIGN KEY (authority_id) REFERENCES issuer (id) ON DELETE RESTRICT,
        CONSTRAINT ck_case_worker_status CHECK (status IN ('PENDING', 'ACTIVE', 'DISABLED'))
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX ux_case_worker_login ON case_worker (login)');
    await queryRunner.query('CREATE INDEX ix_case_worker_authority ON case_worker (authority_id)');
    await queryRunner.query(
      'CREATE UNIQUE INDEX ux_case_worker_enrolment_code ON case_worker (enrolment_code_hash) WHERE enrolment_code_hash IS NOT NULL',
    );
    await queryRunner.query(`
      CREATE TABLE case_worker_session (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        case_worker_id uuid NOT NULL,
        token_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        ended_at timestamptz,
        CONSTRAINT pk_case_worker_session PRIMARY KEY (id),
        CONSTRAINT fk_case_worker_session_worker FOREIGN KEY (case_worker_id) REFERENCES case_worker (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX ux_case_worker_session_token ON case_worker_session (token_hash)',
    );
    await queryRunner.query(
      'CREATE INDEX ix_case_worker_session_worker ON case_worker_session (case_worker_id)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE case_worker_session');
    await queryRunner.query('DROP TABLE case_worker');
  }
}
