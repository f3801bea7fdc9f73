import { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbox rows get a priority: the login link goes through the outbox and is sent before the rest. */
export class MailPriority1795800200000 implements MigrationInterface {
  name = 'MailPriority1795800200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mail_job" ADD "priority" smallint NOT NULL DEFAULT 0`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "mail_job" WHERE "kind" = 'login-link'`);
    await queryRunner.query(`ALTER TABLE "mail_job" DROP COLUMN "priority"`);
  }
}
