import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Account recovery without email: personal and assisted recovery codes (HolderRecoveryCode). */
export class HolderRecoveryCodes1766700000000 implements MigrationInterface {
  name = 'HolderRecoveryCodes1766700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE holder_recovery_code (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        code_hash text NOT NULL,
        holder_id uuid,
        credential_id uuid,
        document_hmac text,
        issued_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        used_at timestamptz,
        CONSTRAINT pk_holder_recovery_code PRIMARY KEY (id),
        CONSTRAINT fk_holder_recovery_code_holder FOREIGN KEY (holder_id) REFERENCES holder (id) ON DELETE RESTRICT,
        CONSTRAINT fk_holder_recovery_code_credential FOREIGN KEY (credential_id) REFERENCES credential (id) ON DELETE RESTRICT,
        CONSTRAINT ck_holder_recovery_code_kind CHECK (kind IN ('PERSONAL', 'ASSISTED')),
        CONSTRAINT ck_holder_recovery_code_fields CHECK ((kind = 'PERSONAL' AND holder_id IS NOT NULL AND credential_id IS NULL AND document_hmac IS NULL) OR (kind = 'ASSISTED' AND holder_id IS NULL AND credential_id IS NOT NULL AND document_hmac IS NOT NULL AND expires_at IS NOT NULL AND issued_by IS NOT NULL))
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX ux_holder_recovery_code_hash ON holder_recovery_code (code_hash)',
    );
    await queryRunner.query(
      'CREATE INDEX ix_holder_recovery_code_holder ON holder_recovery_code (holder_id)',
    );
    await queryRunner.query(
      'CREATE INDEX ix_holder_recovery_code_credential ON holder_recovery_code (credential_id)',
    );
    // A recovered account's other sessions end with their own reason.
    await queryRunner.query(
      'ALTER TABLE holder_session DROP CONSTRAINT ck_holder_session_revoked_reason',
    );
    await queryRunner.query(
      `ALTER TABLE holder_session ADD CONSTRAINT ck_holder_session_revoked_reason CHECK (revoked_reason IS NULL OR revoked_reason IN ('LOGOUT', 'REFRESH_REUSE', 'ERASURE', 'RECOVERY'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE holder_session DROP CONSTRAINT ck_holder_session_revoked_reason',
    );
    await queryRunner.query(
      `ALTER TABLE holder_session ADD CONSTRAINT ck_holder_session_revoked_reason CHECK (revoked_reason IS NULL OR revoked_reason IN ('LOGOUT', 'REFRESH_REUSE', 'ERASURE'))`,
    );
    await queryRunner.query('DROP TABLE holder_recovery_code');
  }
}
