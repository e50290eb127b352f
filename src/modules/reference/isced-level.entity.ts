import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** An ISCED 2011 level of education, 0 (early childhood) to 8 (doctoral). */
@Entity('isced_level')
@Check('ck_isced_level_level', '"level" BETWEEN 0 AND 8')
export class IscedLevel {
  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'pk_isced_level' })
  level: number;

  @Column({ type: 'text' })
  labelEs: string;

  @Column({ type: 'text' })
  labelPt: string;

  @Column({ type: 'text' })
  labelEn: string;
}
