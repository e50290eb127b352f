import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Credentials composed through the W3C VC API have no known holder, hence no claim code. */
export class CredentialHolderOptional1764910000001 implements MigrationInterface {
  name = 'CredentialHolderOptional1764910000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE credential ALTER COLUMN holder_id DROP NOT NULL');
    await queryRunner.query(
      'ALTER TABLE credential ALTER COLUMN identity_document_id DROP NOT NULL',
    );
    await queryRunner.query('ALTER TABLE credential ALTER COLUMN claim_code_hash DROP NOT NULL');
    await queryRunner.query(`
      ALTER TABLE credential ADD CONSTRAINT ck_credential_holder CHECK (
        (holder_id IS NULL) = (identity_document_id IS NULL)
        AND (holder_id IS NULL) = (claim_code_hash IS NULL)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE credential DROP CONSTRAINT ck_credential_holder');
    await queryRunner.query('ALTER TABLE credential ALTER COLUMN claim_code_hash SET NOT NULL');
    await queryRunner.query(
      'ALTER TABLE credential ALTER COLUMN identity_document_id SET NOT NULL',
    );
    await queryRunner.query('ALTER TABLE credential ALTER COLUMN holder_id SET NOT NULL');
  }
}
