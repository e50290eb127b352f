import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Issuer } from './issuer.entity.js';

/**
 * An OAuth client of an issuer (client credentials grant): a public `client_id`, the SHA-256 of its
 * secret (shown once) and the scopes it may ask for.
 */
@Entity('oauth_client')
@Index('ux_oauth_client_client_id', ['clientId'], { unique: true })
@Index('ix_oauth_client_issuer', ['issuerId'])
export class OAuthClient {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  issuerId: string;

  @ManyToOne(() => Issuer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuer_id', foreignKeyConstraintName: 'fk_oauth_client_issuer' })
  issuer?: Relation<Issuer>;

  @Column({ type: 'text' })
  clientId: string;

  @Column({ type: 'text', select: false })
  secretHash: string;

  @Column({ type: 'text', array: true })
  scopes: string[];

  @Column({ type: 'text', nullable: true })
  label: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
