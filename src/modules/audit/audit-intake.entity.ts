import { Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AuditEntryColumns } from './audit-entry.columns.js';

/**
 * An audit entry committed with its change and not yet chained: `AuditChainer` moves it into
 * `audit_event` moments later. Never updated; deleted only together with its chaining.
 */
@Entity('audit_intake')
export class AuditIntake extends AuditEntryColumns {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;
}
