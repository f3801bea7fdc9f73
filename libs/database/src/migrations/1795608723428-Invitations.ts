import { MigrationInterface, QueryRunner } from 'typeorm';

export class Invitations1795608723428 implements MigrationInterface {
  name = 'Invitations1795608723428';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "access_token" ("token_hash" character(64) NOT NULL, "purpose" character varying(16) NOT NULL, "subject_id" uuid NOT NULL, "series_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d1e0f699436608cc429896f991f" PRIMARY KEY ("token_hash"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_access_token_subject" ON "access_token" ("purpose", "subject_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "invitation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "person_id" uuid NOT NULL, "answer" character varying(8), "note" text, "answered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_beb994737756c0f18a1c1f8669c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_invitation_person" ON "invitation" ("person_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_invitation_meeting_person" ON "invitation" ("meeting_id", "person_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "mail_job" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "idempotency_key" text NOT NULL, "kind" character varying(24) NOT NULL, "meeting_id" uuid NOT NULL, "person_id" uuid NOT NULL, "sequence" integer NOT NULL, "payload" jsonb NOT NULL DEFAULT '{}', "status" character varying(16) NOT NULL DEFAULT 'queued', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "locked_until" TIMESTAMP WITH TIME ZONE, "last_error" text, "message_id" text, "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_efe49636a8cadb41e71ebb5db44" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_mail_job_idempotency" ON "mail_job" ("idempotency_key") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_mail_job_meeting" ON "mail_job" ("meeting_id", "person_id") `);
    await queryRunner.query(`CREATE INDEX "ix_mail_job_due" ON "mail_job" ("status", "next_attempt_at") `);
    await queryRunner.query(
      `ALTER TABLE "invitation" ADD CONSTRAINT "FK_a02ceea611cc47d262b0d0dc709" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitation" ADD CONSTRAINT "FK_4be570c96b50f42ee2392a42c99" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invitation" DROP CONSTRAINT "FK_4be570c96b50f42ee2392a42c99"`);
    await queryRunner.query(`ALTER TABLE "invitation" DROP CONSTRAINT "FK_a02ceea611cc47d262b0d0dc709"`);
    await queryRunner.query(`DROP INDEX "public"."ix_mail_job_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_mail_job_meeting"`);
    await queryRunner.query(`DROP INDEX "public"."uq_mail_job_idempotency"`);
    await queryRunner.query(`DROP TABLE "mail_job"`);
    await queryRunner.query(`DROP INDEX "public"."uq_invitation_meeting_person"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invitation_person"`);
    await queryRunner.query(`DROP TABLE "invitation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_access_token_subject"`);
    await queryRunner.query(`DROP TABLE "access_token"`);
  }
}
