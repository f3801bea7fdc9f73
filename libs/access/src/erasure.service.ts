import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from './audit.service';

/** What an erased person is called where the record must keep a name (minutes, histories). */
export const ERASED_NAME = 'Poistettu henkilö';

interface AttendanceRow {
  id: string;
  attendance: {
    staff: { personId: string; name: string; unit: string | null }[];
    guests: { personId: string; name: string }[];
    namedServiceUsers: { personId: string; name: string }[];
    serviceUserCount: number;
  };
}

/**
 * Erases a person (GDPR) without breaking the record: their name, address and consent go, their
 * links, sessions, tokens and outbox rows (sent or not) go, they leave every series; minutes,
 * histories and proposals keep the facts under "Poistettu henkilö" (a named service user becomes one of the count).
 * This is the one change made to published minutes in place, as the law requires. One transaction,
 * audited with the person's id only.
 */
@Injectable()
export class PersonErasure {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async erase(personId: string, actorId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const [person] = (await em.query(`SELECT id FROM person WHERE id = $1 FOR UPDATE`, [personId])) as {
        id: string;
      }[];
      if (!person) throw new NotFoundException(`No person ${personId}`);
      const [coordinates] = (await em.query(
        `SELECT count(*)::int AS n FROM series_coordinator WHERE person_id = $1`,
        [personId],
      )) as { n: number }[];
      if (coordinates.n > 0)
        throw new ConflictException('This person coordinates a series: hand the role over first, then erase');
      await this.scrubMinutes(em, personId);
      await em.query(
        `UPDATE person SET display_name = $2, email = NULL, email_normalized = NULL, home_unit_id = NULL,
                email_consent_at = NULL, email_consent_method = NULL, updated_at = now()
          WHERE id = $1`,
        [personId, ERASED_NAME],
      );
      await em.query(
        `DELETE FROM access_token
          WHERE subject_id = $1 OR subject_id IN (SELECT id FROM invitation WHERE person_id = $1)`,
        [personId],
      );
      await em.query(`UPDATE invitation SET note = NULL WHERE person_id = $1`, [personId]);
      // Sent and failed rows too: they hold the address, the message data and SMTP errors.
      await em.query(`DELETE FROM mail_job WHERE person_id = $1`, [personId]);
      for (const table of [
        'series_membership',
        'coordinator_grant',
        'api_token',
        'login_token',
        'web_session',
      ])
        await em.query(`DELETE FROM ${table} WHERE person_id = $1`, [personId]);
      await em.query(`UPDATE minutes_comment SET author_id = NULL, author_name = $2 WHERE author_id = $1`, [
        personId,
        ERASED_NAME,
      ]);
      await em.query(`UPDATE action_item_event SET actor_id = NULL, actor_name = $2 WHERE actor_id = $1`, [
        personId,
        ERASED_NAME,
      ]);
      await em.query(`UPDATE action_item SET assignee_id = NULL WHERE assignee_id = $1`, [personId]);
      await em.query(
        `UPDATE action_item SET raised_by_person_id = NULL, notify_raiser = false WHERE raised_by_person_id = $1`,
        [personId],
      );
      await em.query(
        `UPDATE topic_proposal SET proposer_id = NULL, notify_proposer = false WHERE proposer_id = $1`,
        [personId],
      );
      await this.audit.record(
        { action: 'erasure', actorPersonId: actorId, subject: `person:${personId}` },
        em,
      );
    });
  }

  private async scrubMinutes(em: EntityManager, personId: string): Promise<void> {
    const rows = (await em.query(`SELECT id, attendance FROM minutes WHERE attendance::text LIKE $1`, [
      `%${personId}%`,
    ])) as AttendanceRow[];
    for (const row of rows) {
      const a = row.attendance;
      const rename = <T extends { personId: string; name: string }>(list: T[]) =>
        list.map((p) => (p.personId === personId ? { ...p, name: ERASED_NAME } : p));
      const attendance = {
        ...a,
        staff: rename(a.staff),
        guests: rename(a.guests),
        // A named service user is counted, no longer named; the count stays as it was.
        namedServiceUsers: a.namedServiceUsers.filter((p) => p.personId !== personId),
      };
      await em.query(`UPDATE minutes SET attendance = $2 WHERE id = $1`, [
        row.id,
        JSON.stringify(attendance),
      ]);
    }
  }
}
