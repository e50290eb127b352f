import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** An ISCO-08 group: major (1 digit), sub-major (2), minor (3) or unit group (4). */
@Entity('isco08_group')
@Check('ck_isco08_group_code', `"code" ~ '^[0-9]{1,4}$'`)
export class Isco08Group {
  @PrimaryColumn({ type: 'varchar', length: 4, primaryKeyConstraintName: 'pk_isco08_group' })
  code: string;

  @Column({ type: 'varchar', length: 4, nullable: true })
  @ForeignKey(() => Isco08Group, { name: 'fk_isco08_group_parent_code' })
  parentCode: string | null;

  @Column({ type: 'text' })
  labelEs: string;

  @Column({ type: 'text' })
  labelPt: string;

  @Column({ type: 'text' })
  labelEn: string;
}
