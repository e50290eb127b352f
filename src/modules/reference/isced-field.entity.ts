import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** An ISCED-F 2013 field of education: broad (2 digits), narrow (3) or detailed (4). */
@Entity('isced_field')
@Check('ck_isced_field_code', `"code" ~ '^[0-9]{2,4}$'`)
export class IscedField {
  @PrimaryColumn({ type: 'varchar', length: 4, primaryKeyConstraintName: 'pk_isced_field' })
  code: string;

  @Column({ type: 'varchar', length: 4, nullable: true })
  @ForeignKey(() => IscedField, { name: 'fk_isced_field_parent_code' })
  parentCode: string | null;

  @Column({ type: 'text' })
  labelEs: string;

  @Column({ type: 'text' })
  labelPt: string;

  @Column({ type: 'text' })
  labelEn: string;
}
