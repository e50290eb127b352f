import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An ISO 3166-1 country, with its name in each language of the registry. */
@Entity('country')
export class Country {
  @PrimaryColumn({ type: 'char', length: 2, primaryKeyConstraintName: 'pk_country' })
  code: string;

  @Column({ type: 'text' })
  nameEs: string;

  @Column({ type: 'text' })
  namePt: string;

  @Column({ type: 'text' })
  nameEn: string;
}
