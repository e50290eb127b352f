import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Credentials1764600000000 implements MigrationInterface {
  name = 'Credentials1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE status_list (
        id uuid NOT NULL,
        issuer_id uuid NOT NULL,
        purpose text NOT NULL,
        length int NOT NULL,
        bits bytea NOT NULL,
        version int NOT NULL,
        is_full boolean NOT NULL,
        signed_credential jsonb,
        signed_version int,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_status_list PRIMARY KEY (id),
        CONSTRAINT fk_status_list_issuer FOREIGN KEY (issuer_id) REFERENCES issuer (id) ON DELETE RESTRICT,
        CONSTRAINT ck_status_list_purpose CHECK (purpose IN ('revocation', 'suspension'))
      )`);
    await queryRunner.query(
      'CREATE INDEX ix_status_list_issuer ON status_list (issuer_id, purpose, created_at)',
    );
    await queryRunner.query(`
      CREATE TABLE credential (
        id uuid NOT NULL,
        issuer_id uuid NOT NULL,
        holder_id uuid NOT NULL,
        identity_document_id uuid NOT NULL,
        type text NOT NULL,
        format text NOT NULL,
        document jsonb NOT NULL,
        jwt text,
        sha256 text NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_until timestamptz,
        status text NOT NULL,
        revocation_list_id uuid NOT NULL,
        revocation_index int NOT NULL,
        suspension_list_id uuid NOT NULL,
        suspension_index int NOT NULL,
        summary text NOT NULL,
        claim_code_hash text NOT NULL,
        claim_code_used_at timestamptz,
        verify_token_hash text NOT NULL,
        verify_link_enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_credential PRIMARY KEY (id),
        CONSTRAINT fk_credential_issuer FOREIGN KEY (issuer_id) REFERENCES issuer (id) ON DELETE RESTRICT,
        CONSTRAINT fk_credential_holder FOREIGN KEY (holder_id) REFERENCES holder (id) ON DELETE RESTRICT,
        CONSTRAINT fk_credential_identity_document FOREIGN KEY (identity_document_id) REFERENCES identity_document (id) ON DELETE RESTRICT,
        CONSTRAINT fk_credential_revocation_list FOREIGN KEY (revocation_list_id) REFERENCES status_list (id) ON DELETE RESTRICT,
        CONSTRAINT fk_credential_suspension_list FOREIGN KEY (suspension_list_id) REFERENCES status_list (id) ON DELETE RESTRICT,
        CONSTRAINT ck_credential_status CHECK (status IN ('ACTIVE', 'SUSPENDED', 'REVOKED')),
        CONSTRAINT ck_credential_format CHECK (format IN ('di', 'jwt'))
      )`);
    await queryRunner.query(
      'CREATE INDEX ix_credential_issuer ON credential (issuer_id, created_at)',
    );
    await queryRunner.query('CREATE INDEX ix_credential_holder ON credential (holder_id)');
    await queryRunner.query(
      'CREATE UNIQUE INDEX ux_credential_revocation_slot ON credential (revocation_list_id, revocation_index)',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX ux_credential_suspension_slot ON credential (suspension_list_id, suspension_index)',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX ux_credential_claim_code ON credential (claim_code_hash)',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX ux_credential_verify_token ON credential (verify_token_hash)',
    );
    await queryRunner.query(`
      CREATE TABLE credential_status_change (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        credential_id uuid NOT NULL,
        from_status text NOT NULL,
        to_status text NOT NULL,
        reason text NOT NULL,
        actor text NOT NULL,
        at timestamptz NOT NULL,
        CONSTRAINT pk_credential_status_change PRIMARY KEY (id),
        CONSTRAINT fk_credential_status_change_credential FOREIGN KEY (credential_id) REFERENCES credential (id) ON DELETE RESTRICT
      )`);
    await queryRunner.query(
      'CREATE INDEX ix_credential_status_change_credential ON credential_status_change (credential_id, at)',
    );
    await queryRunner.query(`
      CREATE TABLE idempotency_record (
        issuer_id uuid NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status_code int NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_idempotency_record PRIMARY KEY (issuer_id, key),
        CONSTRAINT fk_idempotency_record_issuer FOREIGN KEY (issuer_id) REFERENCES issuer (id) ON DELETE RESTRICT
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'idempotency_record',
      'credential_status_change',
      'credential',
      'status_list',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
