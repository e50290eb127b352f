import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Status lists belong to a DID as well as to an issuer: a hosted did:key changes at each
 * rotation, and a list must be signed as the DID its credentials name as their issuer. An
 * existing list is given the DID its issuer signed with when the list was started (the newest
 * key created by then), or the issuer's DID when no key is that old.
 */
export class StatusListDid1767100000000 implements MigrationInterface {
  name = 'StatusListDid1767100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE status_list ADD COLUMN did text');
    await queryRunner.query(`
      UPDATE status_list sl SET did = COALESCE(
        (SELECT ik.did FROM issuer_key ik
         WHERE ik.issuer_id = sl.issuer_id AND ik.created_at <= sl.created_at
         ORDER BY ik.created_at DESC LIMIT 1),
        (SELECT i.did FROM issuer i WHERE i.id = sl.issuer_id))`);
    await queryRunner.query('ALTER TABLE status_list ALTER COLUMN did SET NOT NULL');
    await queryRunner.query('DROP INDEX ix_status_list_issuer');
    await queryRunner.query(
      'CREATE INDEX ix_status_list_owner ON status_list (issuer_id, did, purpose, created_at)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_status_list_owner');
    await queryRunner.query(
      'CREATE INDEX ix_status_list_issuer ON status_list (issuer_id, purpose, created_at)',
    );
    await queryRunner.query('ALTER TABLE status_list DROP COLUMN did');
  }
}
