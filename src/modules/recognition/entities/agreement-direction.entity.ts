import {
  Check,
  Column,
  Entity,
  ForeignKey,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Agreement } from './agreement.entity.js';

/** One origin → destination pair an agreement covers; agreements are directional. */
@Entity('agreement_direction')
@Check('ck_agreement_direction_countries', `"origin_country" <> "destination_country"`)
@Index('ux_agreement_direction', ['agreementId', 'originCountry', 'destinationCountry'], {
  unique: true,
})
@Index('ix_agreement_direction_route', ['originCountry', 'destinationCountry'])
export class AgreementDirection {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_agreement_direction' })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  agreementId: string;

  @ManyToOne(() => Agreement, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'agreement_id',
    foreignKeyConstraintName: 'fk_agreement_direction_agreement',
  })
  agreement?: Relation<Agreement>;

  @Column({ type: 'char', length: 2 })
  @ForeignKey('Country', { name: 'fk_agreement_direction_origin_country' })
  originCountry: string;

  @Column({ type: 'char', length: 2 })
  @ForeignKey('Country', { name: 'fk_agreement_direction_destination_country' })
  destinationCountry: string;
}
