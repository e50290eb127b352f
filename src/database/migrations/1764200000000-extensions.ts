import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Extensions1764200000000 implements MigrationInterface {
  name = 'Extensions1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pgcrypto');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP EXTENSION IF EXISTS pgcrypto');
  }
}
