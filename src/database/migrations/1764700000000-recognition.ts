import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Recognition agreements, their directions, status history and equivalence mappings. */
export class Recognition1764700000000 implements MigrationInterface {
  name = 'Recognition1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE agreement (
        id varchar(64) NOT NULL,
        name text NOT NULL,
        legal_instrument text NOT NULL,
        kind text NOT NULL,
        credential_types text[] NOT NULL,
        meta_level_min smallint,
        meta_level_max smallint,
        isced_fields text[] NOT NULL,
        occupations text[] NOT NULL,
        standards text[] NOT NULL,
        purposes text[] NOT NULL,
        mode text NOT NULL,
        accepts_decisions_from text[] NOT NULL,
        conditions jsonb NOT NULL,
        field_restrictions jsonb NOT NULL,
        equivalence_rule text,
        valid_from date NOT NULL,
        valid_to date,
        status text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_agreement PRIMARY KEY (id),
        CONSTRAINT ck_agreement_id CHECK ("id" ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$'),
        CONSTRAINT ck_agreement_kind
          CHECK ("kind" IN ('BILATERAL', 'MULTILATERAL', 'PILOT', 'UNILATERAL_POLICY')),
        CONSTRAINT ck_agreement_mode CHECK ("mode" IN ('AUTOMATIC', 'ON_REQUEST', 'CASE_BY_CASE')),
        CONSTRAINT ck_agreement_status CHECK ("status" IN ('IN_FORCE', 'SUSPENDED', 'TERMINATED')),
        CONSTRAINT ck_agreement_equivalence_rule
          CHECK ("equivalence_rule" IN ('SAME_OCCUPATION_SAME_LEVEL')),
        CONSTRAINT ck_agreement_dates CHECK ("valid_to" IS NULL OR "valid_to" >= "valid_from"),
        CONSTRAINT ck_agreement_meta_levels CHECK (
          "meta_level_min" IS NULL OR "meta_level_max" IS NULL OR "meta_level_min" <= "meta_level_max"
        )
      )`);

    await queryRunner.query(`
      CREATE TABLE agreement_direction (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agreement_id varchar(64) NOT NULL,
        origin_country char(2) NOT NULL,
        destination_country char(2) NOT NULL,
        CONSTRAINT pk_agreement_direction PRIMARY KEY (id),
        CONSTRAINT fk_agreement_direction_agreement FOREIGN KEY (agreement_id)
          REFERENCES agreement (id) ON DELETE RESTRICT,
        CONSTRAINT fk_agreement_direction_origin_country FOREIGN KEY (origin_country)
          REFERENCES country (code),
        CONSTRAINT fk_agreement_direction_destination_country FOREIGN KEY (destination_country)
          REFERENCES country (code),
        CONSTRAINT ck_agreement_direction_countries CHECK ("origin_country" <> "destination_country")
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX ux_agreement_direction ON agreement_direction (agreement_id, origin_country, destination_country)',
    );
    await queryRunner.query(
      'CREATE INDEX ix_agreement_direction_route ON agreement_direction (origin_country, destination_country)',
    );

    await queryRunner.query(`
      CREATE TABLE agreement_status_change (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agreement_id varchar(64) NOT NULL,
        from_status text,
        to_status text NOT NULL,
        at timestamptz NOT NULL,
        reason text NOT NULL,
        actor text NOT NULL,
        CONSTRAINT pk_agreement_status_change PRIMARY KEY (id),
        CONSTRAINT fk_agreement_status_change_agreement FOREIGN KEY (agreement_id)
          REFERENCES agreement (id) ON DELETE RESTRICT,
        CONSTRAINT ck_agreement_status_change_status CHECK (
          ("from_status" IS NULL OR "from_status" IN ('IN_FORCE', 'SUSPENDED', 'TERMINATED'))
          AND "to_status" IN ('IN_FORCE', 'SUSPENDED', 'TERMINATED')
        )
      )`);
    await queryRunner.query(
      'CREATE INDEX ix_agreement_status_change_agreement ON agreement_status_change (agreement_id, at)',
    );

    await queryRunner.query(`
      CREATE TABLE equivalence_mapping (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        agreement_id varchar(64) NOT NULL,
        origin_country char(2) NOT NULL,
        destination_country char(2) NOT NULL,
        from_standard_id varchar(64),
        from_meta_level smallint,
        from_isco varchar(4),
        to_standard_id varchar(64),
        to_framework varchar(32),
        to_level smallint,
        to_title text,
        kind text NOT NULL,
        missing_units text[] NOT NULL,
        conditions text[] NOT NULL,
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_equivalence_mapping PRIMARY KEY (id),
        CONSTRAINT fk_equivalence_mapping_agreement FOREIGN KEY (agreement_id)
          REFERENCES agreement (id) ON DELETE RESTRICT,
        CONSTRAINT fk_equivalence_mapping_origin_country FOREIGN KEY (origin_country)
          REFERENCES country (code),
        CONSTRAINT fk_equivalence_mapping_destination_country FOREIGN KEY (destination_country)
          REFERENCES country (code),
        CONSTRAINT fk_equivalence_mapping_from_standard FOREIGN KEY (from_standard_id)
          REFERENCES occupational_standard (id),
        CONSTRAINT fk_equivalence_mapping_from_isco FOREIGN KEY (from_isco)
          REFERENCES isco08_group (code),
        CONSTRAINT fk_equivalence_mapping_to_standard FOREIGN KEY (to_standard_id)
          REFERENCES occupational_standard (id),
        CONSTRAINT ck_equivalence_mapping_kind CHECK ("kind" IN ('FULL', 'PARTIAL', 'NONE')),
        CONSTRAINT ck_equivalence_mapping_from CHECK (
          "from_standard_id" IS NOT NULL OR "from_meta_level" IS NOT NULL OR "from_isco" IS NOT NULL
        ),
        CONSTRAINT ck_equivalence_mapping_to_level CHECK (("to_framework" IS NULL) = ("to_level" IS NULL))
      )`);
    await queryRunner.query(
      'CREATE INDEX ix_equivalence_mapping_route ON equivalence_mapping (agreement_id, origin_country, destination_country)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'equivalence_mapping',
      'agreement_status_change',
      'agreement_direction',
      'agreement',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
