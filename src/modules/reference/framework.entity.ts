import {
  Check,
  Column,
  Entity,
  ForeignKey,
  OneToMany,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import type { FrameworkKind } from './reference.types.js';
import { Country } from './country.entity.js';
import { FrameworkLevel } from './framework-level.entity.js';

/** A qualifications framework: a national one, or the regional meta-framework. */
@Entity('framework')
@Check('ck_framework_code', `"code" ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$'`)
@Check('ck_framework_kind', `"kind" IN ('REGIONAL_META', 'NATIONAL')`)
@Check('ck_framework_level_count', '"level_count" > 0')
export class Framework {
  @PrimaryColumn({ type: 'varchar', length: 32, primaryKeyConstraintName: 'pk_framework' })
  code: string;

  @Column({ type: 'text' })
  kind: FrameworkKind;

  @Column({ type: 'text' })
  nameEs: string;

  @Column({ type: 'text' })
  namePt: string;

  @Column({ type: 'text' })
  nameEn: string;

  @Column({ type: 'char', length: 2, nullable: true })
  @ForeignKey(() => Country, { name: 'fk_framework_country_code' })
  countryCode: string | null;

  @Column({ type: 'smallint' })
  levelCount: number;

  @OneToMany(() => FrameworkLevel, (level) => level.framework)
  levels: Relation<FrameworkLevel>[];
}
