import type { MigrationInterface, QueryRunner } from 'typeorm';

/** OAuth clients of issuers (client credentials grant); secrets stored as their SHA-256 only. */
export class OAuthClients1766100000000 implements MigrationInterface {
  name = 'OAuthClients1766100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE oauth_client (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        issuer_id uuid NOT NULL,
        client_id text NOT NULL,
        secret_hash text NOT NULL,
        scopes text[] NOT NULL,
        label text,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz,
        CONSTRAINT pk_oauth_client PRIMARY KEY (id),
        CONSTRAINT fk_oauth_client_issuer FOREIGN KEY (issuer_id) REFERENCES issuer (id) ON DELETE RESTRICT
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX ux_oauth_client_client_id ON oauth_client (client_id)',
    );
    await queryRunner.query('CREATE INDEX ix_oauth_client_issuer ON oauth_client (issuer_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE oauth_client');
  }
}
