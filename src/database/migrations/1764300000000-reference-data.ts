import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reference tables: countries, ISCED 2011 levels, ISCED-F 2013 fields, ISCO-08 groups,
 * frameworks with their levels and referencing, occupational standards. Their rows are seeded by
 * `seedReferenceData` at every start, so a code release can extend them without a migration.
 */
export class ReferenceData1764300000000 implements MigrationInterface {
  name = 'ReferenceData1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE country (
        code char(2) NOT NULL,
        name_es text NOT NULL,
        name_pt text NOT NULL,
        name_en text NOT NULL,
        CONSTRAINT pk_country PRIMARY KEY (code)
      )`);
    await queryRunner.query(`
      CREATE TABLE isced_level (
        level smallint NOT NULL,
        label_es text NOT NULL,
        label_pt text NOT NULL,
        label_en text NOT NULL,
        CONSTRAINT pk_isced_level PRIMARY KEY (level),
        CONSTRAINT ck_isced_level_level CHECK ("level" BETWEEN 0 AND 8)
      )`);
    await queryRunner.query(`
      CREATE TABLE isced_field (
        code varchar(4) NOT NULL,
        parent_code varchar(4),
        label_es text NOT NULL,
        label_pt text NOT NULL,
        label_en text NOT NULL,
        CONSTRAINT pk_isced_field PRIMARY KEY (code),
        CONSTRAINT ck_isced_field_code CHECK ("code" ~ '^[0-9]{2,4}$'),
        CONSTRAINT fk_isced_field_parent_code FOREIGN KEY (parent_code) REFERENCES isced_field (code)
      )`);
    await queryRunner.query(`
      CREATE TABLE isco08_group (
        code varchar(4) NOT NULL,
        parent_code varchar(4),
        label_es text NOT NULL,
        label_pt text NOT NULL,
        label_en text NOT NULL,
        CONSTRAINT pk_isco08_group PRIMARY KEY (code),
        CONSTRAINT ck_isco08_group_code CHECK ("code" ~ '^[0-9]{1,4}$'),
        CONSTRAINT fk_isco08_group_parent_code FOREIGN KEY (parent_code) REFERENCES isco08_group (code)
      )`);
    await queryRunner.query(`
      CREATE TABLE framework (
        code varchar(32) NOT NULL,
        kind text NOT NULL,
        name_es text NOT NULL,
        name_pt text NOT NULL,
        name_en text NOT NULL,
        country_code char(2),
        level_count smallint NOT NULL,
        CONSTRAINT pk_framework PRIMARY KEY (code),
        CONSTRAINT ck_framework_code CHECK ("code" ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$'),
        CONSTRAINT ck_framework_kind CHECK ("kind" IN ('REGIONAL_META', 'NATIONAL')),
        CONSTRAINT ck_framework_level_count CHECK ("level_count" > 0),
        CONSTRAINT fk_framework_country_code FOREIGN KEY (country_code) REFERENCES country (code)
      )`);
    await queryRunner.query(`
      CREATE TABLE framework_level (
        framework_code varchar(32) NOT NULL,
        level smallint NOT NULL,
        name_es text NOT NULL,
        name_pt text NOT NULL,
        name_en text NOT NULL,
        meta_framework_code varchar(32),
        meta_level smallint,
        CONSTRAINT pk_framework_level PRIMARY KEY (framework_code, level),
        CONSTRAINT ck_framework_level_level CHECK ("level" >= 1),
        CONSTRAINT ck_framework_level_meta
          CHECK (("meta_framework_code" IS NULL) = ("meta_level" IS NULL)),
        CONSTRAINT fk_framework_level_framework FOREIGN KEY (framework_code)
          REFERENCES framework (code),
        CONSTRAINT fk_framework_level_meta FOREIGN KEY (meta_framework_code, meta_level)
          REFERENCES framework_level (framework_code, level)
      )`);
    await queryRunner.query(`
      CREATE TABLE occupational_standard (
        id varchar(64) NOT NULL,
        code text NOT NULL,
        version text NOT NULL,
        title text NOT NULL,
        owner_issuer_slug text NOT NULL,
        country_code char(2) NOT NULL,
        isco08_code varchar(4) NOT NULL,
        framework_code varchar(32) NOT NULL,
        level smallint NOT NULL,
        units jsonb NOT NULL,
        CONSTRAINT pk_occupational_standard PRIMARY KEY (id),
        CONSTRAINT uq_occupational_standard_code_version UNIQUE (code, version),
        CONSTRAINT ck_occupational_standard_id CHECK ("id" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        CONSTRAINT fk_occupational_standard_country_code FOREIGN KEY (country_code)
          REFERENCES country (code),
        CONSTRAINT fk_occupational_standard_isco08_code FOREIGN KEY (isco08_code)
          REFERENCES isco08_group (code),
        CONSTRAINT fk_occupational_standard_framework_level FOREIGN KEY (framework_code, level)
          REFERENCES framework_level (framework_code, level)
      )`);
    await queryRunner.query(
      'CREATE INDEX ix_occupational_standard_isco08_code ON occupational_standard (isco08_code)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE occupational_standard');
    await queryRunner.query('DROP TABLE framework_level');
    await queryRunner.query('DROP TABLE framework');
    await queryRunner.query('DROP TABLE isco08_group');
    await queryRunner.query('DROP TABLE isced_field');
    await queryRunner.query('DROP TABLE isced_level');
    await queryRunner.query('DROP TABLE country');
  }
}
