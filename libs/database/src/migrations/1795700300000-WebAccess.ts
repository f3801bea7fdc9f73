import { MigrationInterface, QueryRunner } from 'typeorm';

/** Browser access: emailed login links, server-side sessions, shared rate-limit counters, the audit log. */
export class WebAccess1795700300000 implements MigrationInterface {
  name = 'WebAccess1795700300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "login_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" character(64) NOT NULL, "person_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_login_token" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_login_token_hash" ON "login_token" ("token_hash") `);
    await queryRunner.query(`CREATE INDEX "ix_login_token_person" ON "login_token" ("person_id") `);
    await queryRunner.query(
      `ALTER TABLE "login_token" ADD CONSTRAINT "fk_login_token_person" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await queryRunner.query(
      `CREATE TABLE "web_session" ("id_hash" character(64) NOT NULL, "person_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_web_session" PRIMARY KEY ("id_hash"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_web_session_person" ON "web_session" ("person_id") `);
    await queryRunner.query(`CREATE INDEX "ix_web_session_expires" ON "web_session" ("expires_at") `);
    await queryRunner.query(
      `ALTER TABLE "web_session" ADD CONSTRAINT "fk_web_session_person" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await queryRunner.query(
      `CREATE TABLE "rate_limit" ("key" text NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "count" integer NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_rate_limit" PRIMARY KEY ("key", "window_start"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_rate_limit_expires" ON "rate_limit" ("expires_at") `);

    await queryRunner.query(
      `CREATE TABLE "audit_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_person_id" uuid, "action" character varying(32) NOT NULL, "subject" text, "details" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "pk_audit_event" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_event_at" ON "audit_event" ("at") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_event_actor" ON "audit_event" ("actor_person_id") `);
    await queryRunner.query(
      `ALTER TABLE "audit_event" ADD CONSTRAINT "fk_audit_event_actor" FOREIGN KEY ("actor_person_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_event"`);
    await queryRunner.query(`DROP TABLE "rate_limit"`);
    await queryRunner.query(`DROP TABLE "web_session"`);
    await queryRunner.query(`DROP TABLE "login_token"`);
  }
}
