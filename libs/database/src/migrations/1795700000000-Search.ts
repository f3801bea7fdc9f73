import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Full-text search (libs/search). Written from TypeORM's diff, plus the two GIN indexes that TypeORM
 * cannot declare (the entity marks them `synchronize: false`). No extension is needed.
 */
export class Search1795700000000 implements MigrationInterface {
  name = 'Search1795700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "search_document" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "series_id" uuid NOT NULL, "meeting_id" uuid, "kind" character varying(16) NOT NULL, "ref_id" uuid NOT NULL, "title" text NOT NULL, "body" text NOT NULL, "language" character varying(2) NOT NULL, "lexemes" tsvector, "snowball" tsvector NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_search_document_language" CHECK (language IN ('fi', 'sv', 'en')), CONSTRAINT "ck_search_document_kind" CHECK (kind IN ('minutes', 'agenda_item', 'action_item')), CONSTRAINT "PK_bd53cc58377efc2153e7398269e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_search_document_series" ON "search_document" ("series_id") `);
    await queryRunner.query(`CREATE INDEX "ix_search_document_meeting" ON "search_document" ("meeting_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_search_document_ref" ON "search_document" ("kind", "ref_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_search_document_lexemes" ON "search_document" USING GIN ("lexemes")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_search_document_snowball" ON "search_document" USING GIN ("snowball")`,
    );
    await queryRunner.query(
      `ALTER TABLE "search_document" ADD CONSTRAINT "FK_649616ff7ecdc3f56b038521f54" FOREIGN KEY ("series_id") REFERENCES "series"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "search_document" ADD CONSTRAINT "FK_c716c11de105d7e81a5ea8acc5f" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "search_document" DROP CONSTRAINT "FK_c716c11de105d7e81a5ea8acc5f"`);
    await queryRunner.query(`ALTER TABLE "search_document" DROP CONSTRAINT "FK_649616ff7ecdc3f56b038521f54"`);
    await queryRunner.query(`DROP INDEX "public"."ix_search_document_snowball"`);
    await queryRunner.query(`DROP INDEX "public"."ix_search_document_lexemes"`);
    await queryRunner.query(`DROP INDEX "public"."uq_search_document_ref"`);
    await queryRunner.query(`DROP INDEX "public"."ix_search_document_meeting"`);
    await queryRunner.query(`DROP INDEX "public"."ix_search_document_series"`);
    await queryRunner.query(`DROP TABLE "search_document"`);
  }
}
