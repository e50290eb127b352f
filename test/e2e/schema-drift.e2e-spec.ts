import { pino } from 'pino';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { dataSourceOptions, runMigrations } from '../../src/database/data-source.js';
import { ENTITIES } from '../../src/database/entities.js';
import { pendingSchemaChanges } from '../../src/database/schema-drift.js';
import { AuditEvent } from '../../src/modules/audit/audit-event.entity.js';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../helpers/databases.js';

// What a developer who changed the entities and forgot the migration would leave behind: a
// column no migration adds, and a table no migration creates.
@Entity('audit_event')
class AuditEventWithNote extends AuditEvent {
  @Column({ type: 'text', nullable: true })
  note: string | null;
}

@Entity('drift_probe')
class DriftProbe {
  @PrimaryColumn({ type: 'uuid' })
  id: string;
}

describe('the migrations', () => {
  let database: ThrowawayDatabase;
  let dataSource: DataSource | undefined;
  const open = async (entities: Function[]) => {
    const options = dataSourceOptions(database.url, pino({ level: 'silent' }));
    dataSource = await new DataSource({ ...options, entities }).initialize();
    return dataSource;
  };

  beforeAll(async () => {
    database = await createThrowawayDatabase();
    await runMigrations(await open(ENTITIES));
    await dataSource!.destroy();
  }, 120_000);
  afterEach(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
  });
  afterAll(() => database.drop());

  it('build the schema the entities describe: nothing is left to generate', async () => {
    expect(await pendingSchemaChanges(await open(ENTITIES))).toEqual({ up: [], down: [] });
  });

  it('show a column and a table they lack as pending changes', async () => {
    const drifted = ENTITIES.map((entity) => (entity === AuditEvent ? AuditEventWithNote : entity));
    const changes = await pendingSchemaChanges(await open([...drifted, DriftProbe]));
    expect(changes.up).toEqual([
      expect.stringMatching(/^CREATE TABLE "drift_probe" /),
      'ALTER TABLE "audit_event" ADD "note" text',
    ]);
    expect(changes.down).toEqual([
      'ALTER TABLE "audit_event" DROP COLUMN "note"',
      'DROP TABLE "drift_probe"',
    ]);
  });
});
