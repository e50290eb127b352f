import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Issuer } from '../../registry/entities/issuer.entity.js';

/** The first answer to an issuer's request with an Idempotency-Key, replayed on retries. */
@Entity('idempotency_record')
export class IdempotencyRecord {
  @PrimaryColumn({ type: 'uuid' })
  issuerId: string;

  @ManyToOne(() => Issuer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuer_id', foreignKeyConstraintName: 'fk_idempotency_record_issuer' })
  issuer?: Relation<Issuer>;

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
