import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Holder accounts, sessions, consents and shares (issue 6). */
export class HolderAccounts1764900000000 implements MigrationInterface {
  name = 'HolderAccounts1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE holder_account (
        holder_id uuid NOT NULL,
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        password_changed_at timestamptz NOT NULL,
        CONSTRAINT pk_holder_account PRIMARY KEY (holder_id),
        CONSTRAINT fk_holder_account_holder FOREIGN KEY (holder_id) REFERENCES holder (id) ON DELETE RESTRICT
      )`);

    await queryRunner.query(`
      CREATE TABLE holder_session (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        holder_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text,
        CONSTRAINT pk_holder_session PRIMARY KEY (id),
        CONSTRAINT fk_holder_session_holder FOREIGN KEY (holder_id) REFERENCES holder (id) ON DELETE RESTRICT,
        CONSTRAINT ck_holder_session_revoked_reason CHECK (revoked_reason IS NULL OR revoked_reason IN ('LOGOUT', 'REFRESH_REUSE', 'ERASURE'))
      )`);
    await queryRunner.query('CREATE INDEX ix_holder_session_holder ON holder_session (holder_id)');

    await queryRunner.query(`
      CREATE TABLE holder_refresh_token (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL,
        token_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        CONSTRAINT pk_holder_refresh_token PRIMARY KEY (id),
        CONSTRAINT fk_holder_refresh_token_session FOREIGN KEY (session_id) REFERENCES holder_session (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX ux_holder_refresh_token_hash ON holder_refresh_token (token_hash)',
    );
    await queryRunner.query(
      'CREATE INDEX ix_holder_refresh_token_session ON holder_refresh_token (session_id)',
    );

    await queryRunner.query(`
      CREATE TABLE holder_consent (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        holder_id uuid NOT NULL,
        purpose text NOT NULL,
        granted boolean NOT NULL,
        source text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_holder_consent PRIMARY KEY (id),
        CONSTRAINT fk_holder_consent_holder FOREIGN KEY (holder_id) REFERENCES holder (id) ON DELETE RESTRICT,
        CONSTRAINT ck_holder_consent_purpose CHECK (purpose IN ('STATISTICS', 'EMPLOYMENT_SERVICES_SEARCH')),
        CONSTRAINT ck_holder_consent_source CHECK (source IN ('DEFAULT', 'HOLDER', 'ERASURE'))
      )`);
    await queryRunner.query(
      'CREATE INDEX ix_holder_consent_holder ON holder_consent (holder_id, purpose, at)',
    );

    await queryRunner.query(`
      CREATE TABLE holder_share (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        holder_id uuid NOT NULL,
        token_hash text NOT NULL,
        label text,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        CONSTRAINT pk_holder_share PRIMARY KEY (id),
        CONSTRAINT fk_holder_share_holder FOREIGN KEY (holder_id) REFERENCES holder (id) ON DELETE RESTRICT
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX ux_holder_share_token ON holder_share (token_hash)',
    );
    await queryRunner.query(
      'CREATE INDEX ix_holder_share_holder ON holder_share (holder_id, created_at)',
    );

    await queryRunner.query(`
      CREATE TABLE holder_share_credential (
        share_id uuid NOT NULL,
        credential_id uuid NOT NULL,
        CONSTRAINT pk_holder_share_credential PRIMARY KEY (share_id, credential_id),
        CONSTRAINT fk_holder_share_credential_share FOREIGN KEY (share_id) REFERENCES holder_share (id) ON DELETE CASCADE,
        CONSTRAINT fk_holder_share_credential_credential FOREIGN KEY (credential_id) REFERENCES credential (id) ON DELETE RESTRICT
      )`);
    await queryRunner.query(
      'CREATE INDEX ix_holder_share_credential_credential ON holder_share_credential (credential_id)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE holder_share_credential');
    await queryRunner.query('DROP TABLE holder_share');
    await queryRunner.query('DROP TABLE holder_consent');
    await queryRunner.query('DROP TABLE holder_refresh_token');
    await queryRunner.query('DROP TABLE holder_session');
    await queryRunner.query('DROP TABLE holder_account');
  }
}
