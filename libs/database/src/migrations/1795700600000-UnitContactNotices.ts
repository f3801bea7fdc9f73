import { MigrationInterface, QueryRunner } from 'typeorm';

/** Notices may go to a unit's contact address, which is no person in Kierto. */
export class UnitContactNotices1795700600000 implements MigrationInterface {
  name = 'UnitContactNotices1795700600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mail_job" ALTER COLUMN "person_id" DROP NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "mail_job" WHERE "person_id" IS NULL`);
    await queryRunner.query(`ALTER TABLE "mail_job" ALTER COLUMN "person_id" SET NOT NULL`);
  }
}
