import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IssuanceJobs1764910000000 implements MigrationInterface {
  name = 'IssuanceJobs1764910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE issuance_job (
        id uuid NOT NULL,
        issuer_id uuid NOT NULL,
        status text NOT NULL,
        total int NOT NULL,
        done int NOT NULL DEFAULT 0,
        failed int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        finished_at timestamptz,
        CONSTRAINT pk_issuance_job PRIMARY KEY (id),
        CONSTRAINT fk_issuance_job_issuer FOREIGN KEY (issuer_id) REFERENCES issuer (id) ON DELETE RESTRICT,
        CONSTRAINT ck_issuance_job_status CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED'))
      )`);
    await queryRunner.query(
      'CREATE INDEX ix_issuance_job_issuer ON issuance_job (issuer_id, created_at)',
    );
    await queryRunner.query(
      `CREATE INDEX ix_issuance_job_open ON issuance_job (created_at) WHERE status IN ('QUEUED', 'RUNNING')`,
    );
    await queryRunner.query(`
      CREATE TABLE issuance_job_row (
        job_id uuid NOT NULL,
        row_no int NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL,
        credential_id uuid,
        sealed_claim_code text,
        error_code text,
        error_message text,
        claimed_at timestamptz,
        claimed_by text,
        CONSTRAINT pk_issuance_job_row PRIMARY KEY (job_id, row_no),
        CONSTRAINT fk_issuance_job_row_job FOREIGN KEY (job_id) REFERENCES issuance_job (id) ON DELETE RESTRICT,
        CONSTRAINT fk_issuance_job_row_credential FOREIGN KEY (credential_id) REFERENCES credential (id) ON DELETE RESTRICT,
        CONSTRAINT ck_issuance_job_row_status CHECK (status IN ('PENDING', 'DONE', 'FAILED'))
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX ux_issuance_job_row_credential ON issuance_job_row (credential_id)',
    );
    // Runners look for claimable work here; settled rows leave the index.
    await queryRunner.query(
      `CREATE INDEX ix_issuance_job_row_pending ON issuance_job_row (job_id, row_no) WHERE status = 'PENDING'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE issuance_job_row');
    await queryRunner.query('DROP TABLE issuance_job');
  }
}
