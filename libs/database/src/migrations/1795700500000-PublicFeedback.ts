import { MigrationInterface, QueryRunner } from 'typeorm';

/** Whether a series' printable "you said, we did" notice is open to anyone with its link (off by default). */
export class PublicFeedback1795700500000 implements MigrationInterface {
  name = 'PublicFeedback1795700500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "series" ADD "public_feedback" boolean NOT NULL DEFAULT false`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "series" DROP COLUMN "public_feedback"`);
  }
}
