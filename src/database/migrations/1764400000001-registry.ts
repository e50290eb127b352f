import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Registry1764400000001 implements MigrationInterface {
  name = 'Registry1764400000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE issuer (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        slug text NOT NULL,
        legal_name text NOT NULL,
        country char(2) NOT NULL,
        kinds text[] NOT NULL,
        parent_id uuid,
        status text NOT NULL,
        did text NOT NULL,
        managed_keys boolean NOT NULL,
        website text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_issuer PRIMARY KEY (id),
        CONSTRAINT fk_issuer_parent FOREIGN KEY (parent_id) REFERENCES issuer (id) ON DELETE RESTRICT,
        CONSTRAINT ck_issuer_status CHECK (status IN ('ACTIVE', 'SUSPENDED', 'CLOSED'))
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX ux_issuer_slug ON issuer (slug)');
    await queryRunner.query('CREATE UNIQUE INDEX ux_issuer_did ON issuer (did)');
    await queryRunner.query('CREATE INDEX ix_issuer_country ON issuer (country)');

    await queryRunner.query(`
      CREATE TABLE issuer_status_change (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        issuer_id uuid NOT NULL,
        from_status text,
        to_status text NOT NULL,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        reason text NOT NULL,
        CONSTRAINT pk_issuer_status_change PRIMARY KEY (id),
        CONSTRAINT fk_issuer_status_change_issuer FOREIGN KEY (issuer_id) REFERENCES issuer (id) ON DELETE RESTRICT
      )`);
    await queryRunner.query(
      'CREATE INDEX ix_issuer_status_change_issuer ON issuer_status_change (issuer_id, at)',
    );

    await queryRunner.query(`
      CREATE TABLE issuer_key (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        issuer_id uuid NOT NULL,
        key_id text NOT NULL,
        verification_method_id text NOT NULL,
        public_key_multibase text NOT NULL,
        sealed_secret_key text,
        status text NOT NULL,
        created_at timestamptz NOT NULL,
        retired_at timestamptz,
        compromised_at timestamptz,
        compromise_reason text,
        CONSTRAINT pk_issuer_key PRIMARY KEY (id),
        CONSTRAINT fk_issuer_key_issuer FOREIGN KEY (issuer_id) REFERENCES issuer (id) ON DELETE RESTRICT,
        CONSTRAINT ck_issuer_key_status CHECK (status IN ('ACTIVE', 'RETIRED', 'COMPROMISED'))
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX ux_issuer_key_vm ON issuer_key (verification_method_id)',
    );
    await queryRunner.query(
      'CREATE INDEX ix_issuer_key_issuer ON issuer_key (issuer_id, created_at)',
    );

    await queryRunner.query(`
      CREATE TABLE api_key (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        issuer_id uuid NOT NULL,
        display_prefix text NOT NULL,
        key_hash text NOT NULL,
        label text,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz,
        CONSTRAINT pk_api_key PRIMARY KEY (id),
        CONSTRAINT fk_api_key_issuer FOREIGN KEY (issuer_id) REFERENCES issuer (id) ON DELETE RESTRICT
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX ux_api_key_hash ON api_key (key_hash)');
    await queryRunner.query('CREATE INDEX ix_api_key_issuer ON api_key (issuer_id)');

    await queryRunner.query(`
      CREATE TABLE accreditation (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        issuer_id uuid NOT NULL,
        credential_types text[] NOT NULL,
        framework_code text,
        min_level int,
        max_level int,
        isced_fields text[] NOT NULL,
        occupations text[] NOT NULL,
        standards text[] NOT NULL,
        jurisdiction text[] NOT NULL,
        valid_from date NOT NULL,
        valid_until date,
        accredited_by text NOT NULL,
        legal_reference text,
        created_at timestamptz NOT NULL,
        ended_at timestamptz,
        end_reason text,
        CONSTRAINT pk_accreditation PRIMARY KEY (id),
        CONSTRAINT fk_accreditation_issuer FOREIGN KEY (issuer_id) REFERENCES issuer (id) ON DELETE RESTRICT,
        CONSTRAINT ck_accreditation_dates CHECK (valid_until IS NULL OR valid_until >= valid_from)
      )`);
    await queryRunner.query(
      'CREATE INDEX ix_accreditation_issuer ON accreditation (issuer_id, valid_from)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'accreditation',
      'api_key',
      'issuer_key',
      'issuer_status_change',
      'issuer',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
