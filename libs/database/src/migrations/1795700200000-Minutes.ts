import { MigrationInterface, QueryRunner } from 'typeorm';

export class Minutes1795700200000 implements MigrationInterface {
  name = 'Minutes1795700200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "action_item" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "series_id" uuid NOT NULL, "meeting_id" uuid NOT NULL, "agenda_item_id" uuid, "title" text NOT NULL, "description" text, "owner_unit_id" uuid NOT NULL, "assignee_id" uuid, "due_date" date, "status" character varying(16) NOT NULL DEFAULT 'open', "public_outcome" text, "raised_by_kind" character varying(16) NOT NULL, "raised_by_unit_id" uuid, "raised_by_person_id" uuid, "notify_raiser" boolean NOT NULL DEFAULT false, "for_service_users" boolean NOT NULL DEFAULT false, "closed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1214f6f4d832c402751617361c0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_action_item_owner" ON "action_item" ("owner_unit_id", "status", "due_date") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_action_item_series_status" ON "action_item" ("series_id", "status", "due_date") `,
    );
    await queryRunner.query(
      `CREATE TABLE "action_item_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "action_item_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "type" character varying(16) NOT NULL, "actor_id" uuid, "actor_name" text, "from_value" text, "to_value" text, "comment" text, CONSTRAINT "PK_399ea70fb5ee682745b7f85afab" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_action_item_event_item" ON "action_item_event" ("action_item_id", "at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "agenda_item" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "parent_id" uuid, "position" integer NOT NULL, "kind" character varying(24) NOT NULL, "title" text NOT NULL, "description" text, "time_box_minutes" integer, "presenter" text, "standing_topic_id" uuid, "proposal_id" uuid, "action_item_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_413623e61232799619c2e0a1d42" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_agenda_item_carried_proposal" ON "agenda_item" ("meeting_id", "proposal_id") WHERE proposal_id IS NOT NULL AND kind = 'carried-proposal'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_agenda_item_carried_action" ON "agenda_item" ("meeting_id", "action_item_id") WHERE action_item_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_agenda_item_review" ON "agenda_item" ("meeting_id") WHERE kind = 'review'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_agenda_item_meeting" ON "agenda_item" ("meeting_id", "position") `,
    );
    await queryRunner.query(
      `CREATE TABLE "minutes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "series_id" uuid NOT NULL, "version" integer NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'draft', "items" jsonb NOT NULL DEFAULT '[]', "attendance" jsonb NOT NULL, "privacy_checked" text array NOT NULL DEFAULT '{}', "correction_of_id" uuid, "correction_note" text, "circulated_at" TIMESTAMP WITH TIME ZONE, "approved_at" TIMESTAMP WITH TIME ZONE, "approved_by" character varying(16), "approved_by_person_id" uuid, "published_at" TIMESTAMP WITH TIME ZONE, "superseded_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6430e69788e26236b493d6fcc7e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_minutes_series" ON "minutes" ("series_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_minutes_one_open_version" ON "minutes" ("meeting_id") WHERE status <> 'published'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_minutes_meeting_version" ON "minutes" ("meeting_id", "version") `,
    );
    await queryRunner.query(
      `CREATE TABLE "minutes_comment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "minutes_id" uuid NOT NULL, "author_id" uuid, "author_name" text NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1df13fb11165baa6e40d26bd332" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_minutes_comment_minutes" ON "minutes_comment" ("minutes_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "standing_topic" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "series_id" uuid NOT NULL, "title" text NOT NULL, "description" text, "time_box_minutes" integer, "position" integer NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7389bb2330b1ca3220f42ffba1a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_standing_topic_series" ON "standing_topic" ("series_id", "position") `,
    );
    await queryRunner.query(
      `CREATE TABLE "topic_proposal" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "series_id" uuid NOT NULL, "title" text NOT NULL, "description" text, "anonymous" boolean NOT NULL DEFAULT false, "proposer_id" uuid, "notify_proposer" boolean NOT NULL DEFAULT true, "status" character varying(16) NOT NULL DEFAULT 'pending', "decision_reason" text, "agenda_item_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_33e158a33c8222e33adadd07dbb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_topic_proposal_series" ON "topic_proposal" ("series_id", "status", "created_at") `,
    );
    await queryRunner.query(`ALTER TABLE "series" ADD "proposal_key" text`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_series_proposal_key" ON "series" ("proposal_key") `);
    await queryRunner.query(
      `ALTER TABLE "action_item" ADD CONSTRAINT "FK_f837e77203b643928503165883d" FOREIGN KEY ("series_id") REFERENCES "series"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_item" ADD CONSTRAINT "FK_f77a02b2bac8df1a368c81281bf" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_item" ADD CONSTRAINT "FK_ac5872cbb7f810504c3e9f58a61" FOREIGN KEY ("owner_unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_item" ADD CONSTRAINT "FK_9b521b98237ff511a20e684416f" FOREIGN KEY ("assignee_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_item" ADD CONSTRAINT "FK_6f986180e594fdf17f9c8c02e58" FOREIGN KEY ("raised_by_person_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_item_event" ADD CONSTRAINT "FK_9d137272a61ea4a4903c1d05269" FOREIGN KEY ("action_item_id") REFERENCES "action_item"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agenda_item" ADD CONSTRAINT "FK_4d88141b534e8aad85bb583eb3b" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agenda_item" ADD CONSTRAINT "FK_79252bd6b85d3ed8820654db280" FOREIGN KEY ("parent_id") REFERENCES "agenda_item"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes" ADD CONSTRAINT "FK_b5f85480864d8582430e488a93d" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_comment" ADD CONSTRAINT "FK_9bb55d4987c9dfc84b4bcf997c2" FOREIGN KEY ("minutes_id") REFERENCES "minutes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "standing_topic" ADD CONSTRAINT "FK_5ad6b36d4a3accd6eeb09ecdba5" FOREIGN KEY ("series_id") REFERENCES "series"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "topic_proposal" ADD CONSTRAINT "FK_22fc7933a03f0ab4b65cebcbc53" FOREIGN KEY ("series_id") REFERENCES "series"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "topic_proposal" ADD CONSTRAINT "FK_1994a9bb3c492140a3fc33b1000" FOREIGN KEY ("proposer_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "topic_proposal" DROP CONSTRAINT "FK_1994a9bb3c492140a3fc33b1000"`);
    await queryRunner.query(`ALTER TABLE "topic_proposal" DROP CONSTRAINT "FK_22fc7933a03f0ab4b65cebcbc53"`);
    await queryRunner.query(`ALTER TABLE "standing_topic" DROP CONSTRAINT "FK_5ad6b36d4a3accd6eeb09ecdba5"`);
    await queryRunner.query(`ALTER TABLE "minutes_comment" DROP CONSTRAINT "FK_9bb55d4987c9dfc84b4bcf997c2"`);
    await queryRunner.query(`ALTER TABLE "minutes" DROP CONSTRAINT "FK_b5f85480864d8582430e488a93d"`);
    await queryRunner.query(`ALTER TABLE "agenda_item" DROP CONSTRAINT "FK_79252bd6b85d3ed8820654db280"`);
    await queryRunner.query(`ALTER TABLE "agenda_item" DROP CONSTRAINT "FK_4d88141b534e8aad85bb583eb3b"`);
    await queryRunner.query(
      `ALTER TABLE "action_item_event" DROP CONSTRAINT "FK_9d137272a61ea4a4903c1d05269"`,
    );
    await queryRunner.query(`ALTER TABLE "action_item" DROP CONSTRAINT "FK_6f986180e594fdf17f9c8c02e58"`);
    await queryRunner.query(`ALTER TABLE "action_item" DROP CONSTRAINT "FK_9b521b98237ff511a20e684416f"`);
    await queryRunner.query(`ALTER TABLE "action_item" DROP CONSTRAINT "FK_ac5872cbb7f810504c3e9f58a61"`);
    await queryRunner.query(`ALTER TABLE "action_item" DROP CONSTRAINT "FK_f77a02b2bac8df1a368c81281bf"`);
    await queryRunner.query(`ALTER TABLE "action_item" DROP CONSTRAINT "FK_f837e77203b643928503165883d"`);
    await queryRunner.query(`DROP INDEX "public"."uq_series_proposal_key"`);
    await queryRunner.query(`ALTER TABLE "series" DROP COLUMN "proposal_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_topic_proposal_series"`);
    await queryRunner.query(`DROP TABLE "topic_proposal"`);
    await queryRunner.query(`DROP INDEX "public"."ix_standing_topic_series"`);
    await queryRunner.query(`DROP TABLE "standing_topic"`);
    await queryRunner.query(`DROP INDEX "public"."ix_minutes_comment_minutes"`);
    await queryRunner.query(`DROP TABLE "minutes_comment"`);
    await queryRunner.query(`DROP INDEX "public"."uq_minutes_meeting_version"`);
    await queryRunner.query(`DROP INDEX "public"."uq_minutes_one_open_version"`);
    await queryRunner.query(`DROP INDEX "public"."ix_minutes_series"`);
    await queryRunner.query(`DROP TABLE "minutes"`);
    await queryRunner.query(`DROP INDEX "public"."ix_agenda_item_meeting"`);
    await queryRunner.query(`DROP INDEX "public"."uq_agenda_item_review"`);
    await queryRunner.query(`DROP INDEX "public"."uq_agenda_item_carried_action"`);
    await queryRunner.query(`DROP INDEX "public"."uq_agenda_item_carried_proposal"`);
    await queryRunner.query(`DROP TABLE "agenda_item"`);
    await queryRunner.query(`DROP INDEX "public"."ix_action_item_event_item"`);
    await queryRunner.query(`DROP TABLE "action_item_event"`);
    await queryRunner.query(`DROP INDEX "public"."ix_action_item_series_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_action_item_owner"`);
    await queryRunner.query(`DROP TABLE "action_item"`);
  }
}
