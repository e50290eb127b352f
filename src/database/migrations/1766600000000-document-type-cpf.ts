import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Brazil's CPF as an identity document type of its own (its two check digits are validated, see
 * docs/identity-documents.md). Existing document hashes are not touched here: only the hashes
 * are stored, never the numbers, so no migration can re-derive them; documents stored under an
 * older form of their number are re-keyed when that document is next looked up (decision
 * 0008-people-verify).
 */
export class DocumentTypeCpf1766600000000 implements MigrationInterface {
  name = 'DocumentTypeCpf1766600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE identity_document DROP CONSTRAINT ck_identity_document_type',
    );
    await queryRunner.query(
      `ALTER TABLE identity_document ADD CONSTRAINT ck_identity_document_type CHECK (type IN ('CEDULA', 'PASSPORT', 'PPT', 'PEP', 'CPP', 'CARNE_EXTRANJERIA', 'DNI', 'RUT', 'CPF', 'OTHER'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE identity_document DROP CONSTRAINT ck_identity_document_type',
    );
    await queryRunner.query(
      `ALTER TABLE identity_document ADD CONSTRAINT ck_identity_document_type CHECK (type IN ('CEDULA', 'PASSPORT', 'PPT', 'PEP', 'CPP', 'CARNE_EXTRANJERIA', 'DNI', 'RUT', 'OTHER'))`,
    );
  }
}
