import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A series made in the browser's guided setup proposes no meeting until its coordinator starts the
 * rotation (`setup_completed_at`); `setup_step` is the last step saved, so the setup resumes after it.
 * Every existing series is already running: it is marked as started when it was created.
 */
export class SeriesSetup1795800700000 implements MigrationInterface {
  name = 'SeriesSetup1795800700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "series" ADD "setup_completed_at" timestamptz`);
    await queryRunner.query(`ALTER TABLE "series" ADD "setup_step" smallint NOT NULL DEFAULT 0`);
    await queryRunner.query(`UPDATE "series" SET "setup_completed_at" = "created_at", "setup_step" = 6`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "series" DROP COLUMN "setup_step"`);
    await queryRunner.query(`ALTER TABLE "series" DROP COLUMN "setup_completed_at"`);
  }
}
