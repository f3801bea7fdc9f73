import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API tokens get a name and an expiry. Existing tokens are named token-1, token-2, … per person (oldest
 * first) and expire 90 days after this migration, so nobody is locked out on the day of the upgrade.
 */
export class ApiTokenExpiry1795800300000 implements MigrationInterface {
  name = 'ApiTokenExpiry1795800300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_token" ADD "name" text`);
    await queryRunner.query(`ALTER TABLE "api_token" ADD "expires_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `UPDATE "api_token" t SET "name" = 'token-' || n.rn, "expires_at" = now() + interval '90 days'
         FROM (SELECT id, row_number() OVER (PARTITION BY person_id ORDER BY created_at, id) AS rn FROM "api_token") n
        WHERE n.id = t.id`,
    );
    await queryRunner.query(`ALTER TABLE "api_token" ALTER COLUMN "name" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "api_token" ALTER COLUMN "expires_at" SET NOT NULL`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_api_token_person_name" ON "api_token" ("person_id", "name") WHERE "revoked_at" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_api_token_person_name"`);
    await queryRunner.query(`ALTER TABLE "api_token" DROP COLUMN "expires_at"`);
    await queryRunner.query(`ALTER TABLE "api_token" DROP COLUMN "name"`);
  }
}
