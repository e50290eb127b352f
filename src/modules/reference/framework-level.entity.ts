import {
  Check,
  Column,
  Entity,
  ForeignKey,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { Framework } from './framework.entity.js';

/**
 * One level of a framework and its referencing: the level of the meta-framework it corresponds
 * to. The meta-framework's own levels reference themselves.
 */
@Entity('framework_level')
@Check('ck_framework_level_level', '"level" >= 1')
@Check('ck_framework_level_meta', '("meta_framework_code" IS NULL) = ("meta_level" IS NULL)')
@ForeignKey(() => FrameworkLevel, ['metaFrameworkCode', 'metaLevel'], ['frameworkCode', 'level'], {
  name: 'fk_framework_level_meta',
})
export class FrameworkLevel {
  @PrimaryColumn({ type: 'varchar', length: 32, primaryKeyConstraintName: 'pk_framework_level' })
  frameworkCode: string;

  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'pk_framework_level' })
  level: number;

  @Column({ type: 'text' })
  nameEs: string;

  @Column({ type: 'text' })
  namePt: string;

  @Column({ type: 'text' })
  nameEn: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  metaFrameworkCode: string | null;

  @Column({ type: 'smallint', nullable: true })
  metaLevel: number | null;

  @ManyToOne(() => Framework, (framework) => framework.levels)
  @JoinColumn({ name: 'framework_code', foreignKeyConstraintName: 'fk_framework_level_framework' })
  framework: Relation<Framework>;
}
