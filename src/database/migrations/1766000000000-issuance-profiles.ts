import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issuance profiles and hosted did:key issuers (issue 15): each issuer issues under the
 * `ACCREDITED` profile (our types, schemas and accreditation checks) or the `OPEN` one (any
 * well-formed VC 2.0 credential, outside accreditation), and may be a sandbox; each credential
 * records the profile it was issued under, and when its issuer withdrew it through the VC API
 * (`DELETE /credentials/{id}`: revoked, and no longer served to the issuer). Each key records the DID it belongs to, so an issuer
 * whose hosted did:key changed at a rotation is still found by every DID it has used.
 */
export class IssuanceProfiles1766000000000 implements MigrationInterface {
  name = 'IssuanceProfiles1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE issuer
        ADD COLUMN issuance_profile text NOT NULL DEFAULT 'ACCREDITED',
        ADD COLUMN sandbox boolean NOT NULL DEFAULT false,
        ADD CONSTRAINT ck_issuer_issuance_profile CHECK (issuance_profile IN ('ACCREDITED', 'OPEN'))`);
    await queryRunner.query(`
      ALTER TABLE credential
        ADD COLUMN issuance_profile text NOT NULL DEFAULT 'ACCREDITED',
        ADD COLUMN withdrawn_at timestamptz,
        ADD CONSTRAINT ck_credential_issuance_profile CHECK (issuance_profile IN ('ACCREDITED', 'OPEN'))`);
    await queryRunner.query('ALTER TABLE issuer_key ADD COLUMN did text');
    await queryRunner.query(
      `UPDATE issuer_key SET did = split_part(verification_method_id, '#', 1)`,
    );
    await queryRunner.query('ALTER TABLE issuer_key ALTER COLUMN did SET NOT NULL');
    await queryRunner.query('CREATE INDEX ix_issuer_key_did ON issuer_key (did)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_issuer_key_did');
    await queryRunner.query('ALTER TABLE issuer_key DROP COLUMN did');
    await queryRunner.query(`
      ALTER TABLE credential
        DROP CONSTRAINT ck_credential_issuance_profile,
        DROP COLUMN withdrawn_at,
        DROP COLUMN issuance_profile`);
    await queryRunner.query(`
      ALTER TABLE issuer
        DROP CONSTRAINT ck_issuer_issuance_profile,
        DROP COLUMN sandbox,
        DROP COLUMN issuance_profile`);
  }
}
