import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import type { StandardUnit } from './reference.types.js';
import { Country } from './country.entity.js';
import { FrameworkLevel } from './framework-level.entity.js';
import { Isco08Group } from './isco08-group.entity.js';

/**
 * An occupational (competency) standard: what a competency certificate certifies against. The
 * owner is a registry issuer, kept as its slug: the registry module owns issuers.
 */
@Entity('occupational_standard')
@Unique('uq_occupational_standard_code_version', ['code', 'version'])
@Index('ix_occupational_standard_isco08_code', ['isco08Code'])
@Check('ck_occupational_standard_id', `"id" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
@ForeignKey(() => FrameworkLevel, ['frameworkCode', 'level'], ['frameworkCode', 'level'], {
  name: 'fk_occupational_standard_framework_level',
})
export class OccupationalStandard {
  @PrimaryColumn({
    type: 'varchar',
    length: 64,
    primaryKeyConstraintName: 'pk_occupational_standard',
  })
  id: string;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  version: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  ownerIssuerSlug: string;

  @Column({ type: 'char', length: 2 })
  @ForeignKey(() => Country, { name: 'fk_occupational_standard_country_code' })
  countryCode: string;

  @Column({ type: 'varchar', length: 4 })
  @ForeignKey(() => Isco08Group, { name: 'fk_occupational_standard_isco08_code' })
  isco08Code: string;

  @Column({ type: 'varchar', length: 32 })
  frameworkCode: string;

  @Column({ type: 'smallint' })
  level: number;

  @Column({ type: 'jsonb' })
  units: StandardUnit[];
}
