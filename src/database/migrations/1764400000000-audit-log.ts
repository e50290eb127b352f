import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditLog1764400000000 implements MigrationInterface {
  name = 'AuditLog1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_event (
        seq bigint NOT NULL,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        subject text NOT NULL,
        data jsonb NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        CONSTRAINT pk_audit_event PRIMARY KEY (seq)
      )`);
    await queryRunner.query('CREATE INDEX ix_audit_event_subject ON audit_event (subject)');
    // The log is append-only for every client, not only for this code.
    await queryRunner.query(`
      CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER tr_audit_event_append_only BEFORE UPDATE OR DELETE OR TRUNCATE
      ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE audit_event');
    await queryRunner.query('DROP FUNCTION audit_event_append_only()');
  }
}
