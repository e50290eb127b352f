import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Holders1764500000000 implements MigrationInterface {
  name = 'Holders1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE holder (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        given_names text,
        family_names text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        erased_at timestamptz,
        CONSTRAINT pk_holder PRIMARY KEY (id)
      )`);

    await queryRunner.query(`
      CREATE TABLE identity_document (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        holder_id uuid NOT NULL,
        type text NOT NULL,
        issuing_country char(2) NOT NULL,
        number_hmac text NOT NULL,
        last4 text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_identity_document PRIMARY KEY (id),
        CONSTRAINT fk_identity_document_holder FOREIGN KEY (holder_id) REFERENCES holder (id) ON DELETE RESTRICT,
        CONSTRAINT ck_identity_document_type CHECK (type IN ('CEDULA', 'PASSPORT', 'PPT', 'PEP', 'CPP', 'CARNE_EXTRANJERIA', 'DNI', 'RUT', 'OTHER'))
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX ux_identity_document_number ON identity_document (type, issuing_country, number_hmac)',
    );
    await queryRunner.query(
      'CREATE INDEX ix_identity_document_holder ON identity_document (holder_id)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE identity_document');
    await queryRunner.query('DROP TABLE holder');
  }
}
