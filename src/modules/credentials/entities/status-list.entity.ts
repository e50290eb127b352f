import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { StatusPurpose } from '../../../vc/status-list.js';

/**
 * One W3C Bitstring Status List of an issuer's DID for one purpose. `version` counts bit changes;
 * the signed list credential is redone lazily when it is older than the bits.
 */
@Entity('status_list')
@Check('ck_status_list_purpose', `purpose IN ('revocation', 'suspension')`)
@Index('ix_status_list_owner', ['issuerId', 'did', 'purpose', 'createdAt'])
export class StatusList {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  issuerId: string;

  // By name: another module owns the table, so only the foreign key is declared here.
  @ManyToOne('Issuer', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuer_id', foreignKeyConstraintName: 'fk_status_list_issuer' })
  issuer?: never;

  /**
   * The DID the list belongs to, the one its credentials are issued under: the issuer's did:web,
   * or the hosted did:key current when the list was started. The list is signed as that DID.
   */
  @Column({ type: 'text' })
  did: string;

  @Column({ type: 'text' })
  purpose: StatusPurpose;

  @Column({ type: 'int' })
  length: number;

  /** The bits, index 0 the most significant bit of the first byte. */
  @Column({ type: 'bytea' })
  bits: Buffer;

  @Column({ type: 'int' })
  version: number;

  /** Set when the list has too few free slots left to allocate at random. */
  @Column({ type: 'boolean' })
  isFull: boolean;

  @Column({ type: 'jsonb', nullable: true })
  signedCredential: Record<string, unknown> | null;

  @Column({ type: 'int', nullable: true })
  signedVersion: number | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
