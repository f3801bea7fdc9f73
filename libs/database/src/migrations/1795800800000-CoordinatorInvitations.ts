import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12: coordinators invite coordinators, and are members of their meetings.
 * - `login_token.return_to`: the same-site page a login link lands on (the page that asked for a login,
 *   or the series of an invitation).
 * - `coordinator_invitation`: an invitation by address; it is accepted when the address's owner logs in,
 *   so the inviter never learns whether the address was already known to Kierto.
 * - Every coordinator becomes an active member of the series they coordinate (invited, counted, present).
 */
export class CoordinatorInvitations1795800800000 implements MigrationInterface {
  name = 'CoordinatorInvitations1795800800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "login_token" ADD "return_to" text`);
    await queryRunner.query(
      `CREATE TABLE "coordinator_invitation" (
         "id" uuid NOT NULL DEFAULT gen_random_uuid(),
         "series_id" uuid NOT NULL REFERENCES "series"("id") ON DELETE CASCADE,
         "email_normalized" text NOT NULL,
         "display_name" text NOT NULL,
         "invited_by_id" uuid REFERENCES "person"("id") ON DELETE SET NULL,
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "accepted_at" TIMESTAMP WITH TIME ZONE,
         CONSTRAINT "pk_coordinator_invitation" PRIMARY KEY ("id"),
         CONSTRAINT "uq_coordinator_invitation" UNIQUE ("series_id", "email_normalized"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_coordinator_invitation_email" ON "coordinator_invitation" ("email_normalized")`,
    );
    await queryRunner.query(
      `INSERT INTO "series_membership" ("series_id", "person_id", "active")
       SELECT c."series_id", c."person_id", true FROM "series_coordinator" c
       ON CONFLICT ("series_id", "person_id") DO UPDATE SET "active" = true`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "coordinator_invitation"`);
    await queryRunner.query(`ALTER TABLE "login_token" DROP COLUMN "return_to"`);
  }
}
