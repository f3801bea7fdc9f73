import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the reads and periodic scans at national scale; each is justified by the query that
 * needs it, with its plan, in docs/performance.md. Plain CREATE INDEX (migrations run in a
 * transaction); on existing data it takes a share lock on the table while it builds, seconds at
 * national size.
 */
export class ReadIndexes1795800600000 implements MigrationInterface {
  name = 'ReadIndexes1795800600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // A meeting's action items (meeting page, minutes, health charts) and the FK's ON DELETE CASCADE.
    await queryRunner.query(`CREATE INDEX "ix_action_item_meeting" ON "action_item" ("meeting_id")`);
    // ON DELETE SET NULL from person (erasure) and "assigned to me".
    await queryRunner.query(
      `CREATE INDEX "ix_action_item_assignee" ON "action_item" ("assignee_id") WHERE assignee_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_action_item_raised_by_person" ON "action_item" ("raised_by_person_id") WHERE raised_by_person_id IS NOT NULL`,
    );
    // The due-date task: open items whose due window has opened, without reading closed ones.
    await queryRunner.query(
      `CREATE INDEX "ix_action_item_open_due" ON "action_item" ("due_date") WHERE status IN ('open', 'in_progress') AND due_date IS NOT NULL`,
    );
    // The unit page's next turn and the archive's host filter; the FK's ON DELETE RESTRICT check.
    await queryRunner.query(`CREATE INDEX "ix_meeting_host_unit" ON "meeting" ("host_unit_id", "starts_at")`);
    // The reminder task: confirmed meetings whose reminder window has opened.
    await queryRunner.query(
      `CREATE INDEX "ix_meeting_confirmed_starts" ON "meeting" ("starts_at") WHERE status = 'confirmed'`,
    );
    // ON DELETE SET NULL from person (erasure); a person's own proposals.
    await queryRunner.query(
      `CREATE INDEX "ix_topic_proposal_proposer" ON "topic_proposal" ("proposer_id") WHERE proposer_id IS NOT NULL`,
    );
    // A unit's staff (notices, the unit page) and ON DELETE SET NULL from unit.
    await queryRunner.query(
      `CREATE INDEX "ix_person_home_unit" ON "person" ("home_unit_id") WHERE home_unit_id IS NOT NULL`,
    );
    // The dispatcher's claim: rows still to send in its order, however many have been sent.
    await queryRunner.query(
      `CREATE INDEX "ix_mail_job_pending" ON "mail_job" ("priority" DESC, "next_attempt_at", "created_at") WHERE status IN ('queued', 'retrying', 'sending')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of [
      'ix_mail_job_pending',
      'ix_person_home_unit',
      'ix_topic_proposal_proposer',
      'ix_meeting_confirmed_starts',
      'ix_meeting_host_unit',
      'ix_action_item_open_due',
      'ix_action_item_raised_by_person',
      'ix_action_item_assignee',
      'ix_action_item_meeting',
    ])
      await queryRunner.query(`DROP INDEX "public"."${name}"`);
  }
}
