import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every meeting knows the cycle it belongs to (its nominal month and the day rule's date there), so
 * the next proposal counts from the cycle, not from the date a meeting was moved to. Existing
 * meetings get the rule date the rotation recorded (else their own date) and its month. A
 * coordinator's move (with its reason) is kept in move_note.
 */
export class MeetingCycle1795800500000 implements MigrationInterface {
  name = 'MeetingCycle1795800500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "meeting" ADD "rule_date" date, ADD "cycle_month" character varying(7), ADD "move_note" jsonb`,
    );
    await queryRunner.query(
      `UPDATE "meeting" SET "rule_date" = CASE
          WHEN "rotation_note"->>'ruleDate' ~ '^\\d{4}-\\d{2}-\\d{2}$' THEN ("rotation_note"->>'ruleDate')::date
          ELSE "local_date" END`,
    );
    await queryRunner.query(`UPDATE "meeting" SET "cycle_month" = to_char("rule_date", 'YYYY-MM')`);
    await queryRunner.query(
      `ALTER TABLE "meeting" ALTER COLUMN "rule_date" SET NOT NULL, ALTER COLUMN "cycle_month" SET NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "meeting" DROP COLUMN "move_note", DROP COLUMN "cycle_month", DROP COLUMN "rule_date"`,
    );
  }
}
