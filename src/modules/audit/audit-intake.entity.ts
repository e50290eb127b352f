import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An audit entry committed with its change and not yet chained: `AuditChainer` moves it into
 * `audit_event` moments later. Never updated; deleted only together with its chaining.
 */
@Entity('audit_intake')
export class AuditIntake {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;
}
