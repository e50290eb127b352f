import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** The first answer to an issuer's request with an Idempotency-Key, replayed on retries. */
@Entity('idempotency_record')
export class IdempotencyRecord {
  @PrimaryColumn({ type: 'uuid' })
  issuerId: string;

  // By name: another module owns the table, so only the foreign key is declared here.
  @ManyToOne('Issuer', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuer_id', foreignKeyConstraintName: 'fk_idempotency_record_issuer' })
  issuer?: never;

  @PrimaryColumn({ type: 'text' })
  key: string;

  /** SHA-256 of the request body: the same key with another body is refused. */
  @Column({ type: 'text' })
  requestHash: string;

  @Column({ type: 'int' })
  statusCode: number;

  @Column({ type: 'jsonb' })
  response: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
