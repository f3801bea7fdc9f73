import { MigrationInterface, QueryRunner } from 'typeorm';

/** Notices (minutes, action items, proposals, host handover) in the outbox: rows with a series and no meeting. */
export class Notices1795700100000 implements MigrationInterface {
  name = 'Notices1795700100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mail_job" ADD "series_id" uuid`);
    await queryRunner.query(`ALTER TABLE "mail_job" ALTER COLUMN "meeting_id" DROP NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_mail_job_series" ON "mail_job" ("series_id") `);
    await queryRunner.query(
      `ALTER TABLE "mail_job" ADD CONSTRAINT "FK_631db91a89704f71d56f42803bc" FOREIGN KEY ("series_id") REFERENCES "series"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mail_job" DROP CONSTRAINT "FK_631db91a89704f71d56f42803bc"`);
    await queryRunner.query(`DROP INDEX "public"."ix_mail_job_series"`);
    // Notices without a meeting cannot stay once meeting_id is required again.
    await queryRunner.query(`DELETE FROM "mail_job" WHERE "meeting_id" IS NULL`);
    await queryRunner.query(`ALTER TABLE "mail_job" ALTER COLUMN "meeting_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "mail_job" DROP COLUMN "series_id"`);
  }
}
