import { MigrationInterface, QueryRunner } from 'typeorm';

export class Network1795608081747 implements MigrationInterface {
  name = 'Network1795608081747';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "series" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "timezone" text NOT NULL DEFAULT 'Europe/Helsinki', "cadence_months" smallint NOT NULL, "day_rule_nth" smallint NOT NULL, "day_rule_weekday" smallint NOT NULL, "start_time" character varying(5) NOT NULL, "duration_minutes" integer NOT NULL, "default_language" character varying(2) NOT NULL DEFAULT 'fi', "invitation_lead_days" integer NOT NULL DEFAULT '21', "reminder_days" integer array NOT NULL DEFAULT '{7,1}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e725676647382eb54540d7128ba" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "unit" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "street_address" text NOT NULL, "accessibility_notes" text, "contact_email" text, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4252c4be609041e559f0c80f58a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_unit_name" ON "unit" ("name") `);
    await queryRunner.query(
      `CREATE TABLE "unit_blackout" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "unit_id" uuid NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_unit_blackout_range" CHECK ("ends_on" >= "starts_on"), CONSTRAINT "PK_2f63a1e5c862712939999bae897" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_unit_blackout_unit" ON "unit_blackout" ("unit_id") `);
    await queryRunner.query(
      `CREATE TABLE "person" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "display_name" text NOT NULL, "email" text, "email_normalized" text, "kind" character varying(16) NOT NULL, "home_unit_id" uuid, "preferred_language" character varying(2) NOT NULL DEFAULT 'fi', "email_consent_at" date, "email_consent_method" character varying(16), "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5fdaf670315c4b7e70cce85daa3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_person_email" ON "person" ("email_normalized") WHERE email_normalized IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "series_membership" ("series_id" uuid NOT NULL, "person_id" uuid NOT NULL, "active" boolean NOT NULL DEFAULT true, "unsubscribed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ca3b730023fcbff2e466ab419cc" PRIMARY KEY ("series_id", "person_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_series_membership_person" ON "series_membership" ("person_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "series_coordinator" ("series_id" uuid NOT NULL, "person_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_73f6330b7bf5cd352891194dc2e" PRIMARY KEY ("series_id", "person_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_series_coordinator_person" ON "series_coordinator" ("person_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "coordinator_grant" ("person_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bc5c45d39950b8771961d00e36b" PRIMARY KEY ("person_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "rotation_slot" ("series_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "position" integer NOT NULL, "credit" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_6174d18f7ae95d5e8737db98be1" PRIMARY KEY ("series_id", "unit_id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_rotation_slot_position" ON "rotation_slot" ("series_id", "position") `,
    );
    await queryRunner.query(
      `CREATE TABLE "api_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d862311c568d175c26f41bc6f98" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_api_token_person" ON "api_token" ("person_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_api_token_hash" ON "api_token" ("token_hash") `);
    await queryRunner.query(
      `CREATE TABLE "meeting" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "series_id" uuid NOT NULL, "number" integer NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'draft', "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "local_date" date NOT NULL, "host_unit_id" uuid NOT NULL, "host_override_reason" text, "rotation_note" jsonb, "ical_uid" text NOT NULL, "ical_sequence" integer NOT NULL DEFAULT '0', "confirmed_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancel_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_dccaf9e4c0e39067d82ccc7bb83" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_meeting_starts_at" ON "meeting" ("starts_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_meeting_ical_uid" ON "meeting" ("ical_uid") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_meeting_one_draft_per_series" ON "meeting" ("series_id") WHERE status = 'draft'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_meeting_series_number" ON "meeting" ("series_id", "number") `,
    );
    await queryRunner.query(
      `ALTER TABLE "unit_blackout" ADD CONSTRAINT "FK_b7501667c5452819b6de75ef698" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "person" ADD CONSTRAINT "FK_a2d09feb6cca8e6ba95ccbaf796" FOREIGN KEY ("home_unit_id") REFERENCES "unit"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "series_membership" ADD CONSTRAINT "FK_185962f265b958fa051f2a9adee" FOREIGN KEY ("series_id") REFERENCES "series"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "series_membership" ADD CONSTRAINT "FK_c352611353e2d00092df5d43e6e" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "series_coordinator" ADD CONSTRAINT "FK_c4dc6f1b4872ef06ab69baec5b6" FOREIGN KEY ("series_id") REFERENCES "series"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "series_coordinator" ADD CONSTRAINT "FK_a14157bc21b1c1d53c7094475f6" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "coordinator_grant" ADD CONSTRAINT "FK_bc5c45d39950b8771961d00e36b" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "rotation_slot" ADD CONSTRAINT "FK_ea3fa162adcf3c9394d2405cc6f" FOREIGN KEY ("series_id") REFERENCES "series"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "rotation_slot" ADD CONSTRAINT "FK_c2c5d25f4ccae75689700ee06f9" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_token" ADD CONSTRAINT "FK_e2d4e4aec6ea48547b08e409f9b" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting" ADD CONSTRAINT "FK_4eca052972681e25409955b1774" FOREIGN KEY ("series_id") REFERENCES "series"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting" ADD CONSTRAINT "FK_08ad390859af54d17b7c95ccbd8" FOREIGN KEY ("host_unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "meeting" DROP CONSTRAINT "FK_08ad390859af54d17b7c95ccbd8"`);
    await queryRunner.query(`ALTER TABLE "meeting" DROP CONSTRAINT "FK_4eca052972681e25409955b1774"`);
    await queryRunner.query(`ALTER TABLE "api_token" DROP CONSTRAINT "FK_e2d4e4aec6ea48547b08e409f9b"`);
    await queryRunner.query(`ALTER TABLE "rotation_slot" DROP CONSTRAINT "FK_c2c5d25f4ccae75689700ee06f9"`);
    await queryRunner.query(`ALTER TABLE "rotation_slot" DROP CONSTRAINT "FK_ea3fa162adcf3c9394d2405cc6f"`);
    await queryRunner.query(
      `ALTER TABLE "coordinator_grant" DROP CONSTRAINT "FK_bc5c45d39950b8771961d00e36b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "series_coordinator" DROP CONSTRAINT "FK_a14157bc21b1c1d53c7094475f6"`,
    );
    await queryRunner.query(
      `ALTER TABLE "series_coordinator" DROP CONSTRAINT "FK_c4dc6f1b4872ef06ab69baec5b6"`,
    );
    await queryRunner.query(
      `ALTER TABLE "series_membership" DROP CONSTRAINT "FK_c352611353e2d00092df5d43e6e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "series_membership" DROP CONSTRAINT "FK_185962f265b958fa051f2a9adee"`,
    );
    await queryRunner.query(`ALTER TABLE "person" DROP CONSTRAINT "FK_a2d09feb6cca8e6ba95ccbaf796"`);
    await queryRunner.query(`ALTER TABLE "unit_blackout" DROP CONSTRAINT "FK_b7501667c5452819b6de75ef698"`);
    await queryRunner.query(`DROP INDEX "public"."uq_meeting_series_number"`);
    await queryRunner.query(`DROP INDEX "public"."uq_meeting_one_draft_per_series"`);
    await queryRunner.query(`DROP INDEX "public"."uq_meeting_ical_uid"`);
    await queryRunner.query(`DROP INDEX "public"."ix_meeting_starts_at"`);
    await queryRunner.query(`DROP TABLE "meeting"`);
    await queryRunner.query(`DROP INDEX "public"."uq_api_token_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_api_token_person"`);
    await queryRunner.query(`DROP TABLE "api_token"`);
    await queryRunner.query(`DROP INDEX "public"."uq_rotation_slot_position"`);
    await queryRunner.query(`DROP TABLE "rotation_slot"`);
    await queryRunner.query(`DROP TABLE "coordinator_grant"`);
    await queryRunner.query(`DROP INDEX "public"."ix_series_coordinator_person"`);
    await queryRunner.query(`DROP TABLE "series_coordinator"`);
    await queryRunner.query(`DROP INDEX "public"."ix_series_membership_person"`);
    await queryRunner.query(`DROP TABLE "series_membership"`);
    await queryRunner.query(`DROP INDEX "public"."uq_person_email"`);
    await queryRunner.query(`DROP TABLE "person"`);
    await queryRunner.query(`DROP INDEX "public"."ix_unit_blackout_unit"`);
    await queryRunner.query(`DROP TABLE "unit_blackout"`);
    await queryRunner.query(`DROP INDEX "public"."uq_unit_name"`);
    await queryRunner.query(`DROP TABLE "unit"`);
    await queryRunner.query(`DROP TABLE "series"`);
  }
}
