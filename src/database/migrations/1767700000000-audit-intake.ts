import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit entries are written to an intake without a lock and chained into `audit_event` right
 * after their transaction commits (decision 0020). An intake row is never updated; it
 * leaves only by being chained, in the transaction that writes its chained entry.
 */
export class AuditIntake1767700000000 implements MigrationInterface {
  name = 'AuditIntake1767700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_intake (
        id bigint GENERATED ALWAYS AS IDENTITY,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        subject text NOT NULL,
        data jsonb NOT NULL,
        CONSTRAINT pk_audit_intake PRIMARY KEY (id)
      )`);
    await queryRunner.query('ALTER TABLE audit_event ADD intake_id bigint');
    await queryRunner.query(
      'CREATE UNIQUE INDEX ux_audit_event_intake_id ON audit_event (intake_id) WHERE intake_id IS NOT NULL',
    );
    await queryRunner.query(`
      CREATE FUNCTION audit_intake_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF EXISTS (SELECT 1 FROM audit_event WHERE intake_id = OLD.id) THEN
            RETURN OLD;
          END IF;
        END IF;
        RAISE EXCEPTION 'audit_intake rows are never changed; they leave only into the chain';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER tr_audit_intake_guard BEFORE UPDATE OR DELETE
      ON audit_intake FOR EACH ROW EXECUTE FUNCTION audit_intake_guard()`);
    await queryRunner.query(`
      CREATE TRIGGER tr_audit_intake_no_truncate BEFORE TRUNCATE
      ON audit_intake FOR EACH STATEMENT EXECUTE FUNCTION audit_intake_guard()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE audit_intake');
    await queryRunner.query('DROP FUNCTION audit_intake_guard()');
    await queryRunner.query('DROP INDEX ux_audit_event_intake_id');
    await queryRunner.query('ALTER TABLE audit_event DROP COLUMN intake_id');
  }
}
