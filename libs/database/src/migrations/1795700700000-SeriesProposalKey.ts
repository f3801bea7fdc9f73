import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every series has its public link key from the start, so reading the links never writes. */
export class SeriesProposalKey1795700700000 implements MigrationInterface {
  name = 'SeriesProposalKey1795700700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // 122 random bits (gen_random_uuid is built in since PostgreSQL 13), 32 characters.
    await queryRunner.query(
      `CREATE FUNCTION kierto_new_link_key() RETURNS text LANGUAGE sql VOLATILE
         AS $$ SELECT replace(gen_random_uuid()::text, '-', '') $$`,
    );
    await queryRunner.query(
      `UPDATE "series" SET "proposal_key" = kierto_new_link_key() WHERE "proposal_key" IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "series" ALTER COLUMN "proposal_key" SET DEFAULT kierto_new_link_key()`,
    );
    await queryRunner.query(`ALTER TABLE "series" ALTER COLUMN "proposal_key" SET NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "series" ALTER COLUMN "proposal_key" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "series" ALTER COLUMN "proposal_key" DROP DEFAULT`);
    await queryRunner.query(`DROP FUNCTION kierto_new_link_key()`);
  }
}
