import { Column } from 'typeorm';

/** What an audit entry says, in the intake and in the chain alike. */
export abstract class AuditEntryColumns {
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
