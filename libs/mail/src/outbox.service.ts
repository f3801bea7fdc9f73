import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Meeting, MeetingHooks } from '@kierto/meetings';
import { isEmailable, Person, SeriesCoordinator, SeriesMembership } from '@kierto/network';
import { newToken, sha256 } from './access-tokens';
import { Invitation } from './invitation.entity';
import { MailJob, MailJobKind, MailJobPayload } from './mail-job.entity';

export interface Recipient {
  person: Person;
  membership: SeriesMembership;
}

const FINNISH = new Intl.Collator('fi');

/** Outbox priority of the login link (others are 0): a person is waiting for it. */
export const LOGIN_PRIORITY = 10;

export type NotEmailedReason = 'no-email' | 'no-consent' | 'unsubscribed';

/** Why a member gets no email (null when they do). */
export function notEmailedReason(
  person: Person,
  membership: Pick<SeriesMembership, 'unsubscribedAt'>,
): NotEmailedReason | null {
  if (!person.email) return 'no-email';
  if (!isEmailable(person)) return 'no-consent';
  if (membership.unsubscribedAt) return 'unsubscribed';
  return null;
}

/**
 * Turns meeting changes into outbox rows, inside the transaction of the change (MeetingHooks).
 * Every active member gets an invitation record (for RSVP by link or print); only those who may be
 * emailed get mail jobs.
 */
@Injectable()
export class OutboxService implements MeetingHooks {
  async members(em: EntityManager, seriesId: string): Promise<Recipient[]> {
    const rows = await em.find(SeriesMembership, {
      where: { seriesId, active: true },
      relations: { person: true },
    });
    return (
      rows
        .filter((m) => m.person)
        .map((m) => ({ person: m.person as Person, membership: m }))
        // One collator for the whole sort: localeCompare(…, 'fi') builds one per comparison (seconds for 2,000).
        .sort((a, b) => FINNISH.compare(a.person.displayName, b.person.displayName))
    );
  }

  async confirmed(em: EntityManager, meeting: Meeting): Promise<void> {
    const members = await this.members(em, meeting.seriesId);
    if (members.length > 0) {
      await em.query(
        `INSERT INTO invitation (meeting_id, person_id)
         SELECT $1, p FROM unnest($2::uuid[]) AS p ON CONFLICT DO NOTHING`,
        [meeting.id, members.map((r) => r.person.id)],
      );
    }
    const emailed = members.filter((r) => !notEmailedReason(r.person, r.membership)).map((r) => r.person.id);
    await this.enqueueMany(em, meeting, emailed, 'invitation', {});
  }

  async changed(em: EntityManager, meeting: Meeting, before: Meeting): Promise<void> {
    const previous = {
      startsAt: before.startsAt.toISOString(),
      endsAt: before.endsAt.toISOString(),
      hostUnitId: before.hostUnitId,
    };
    const invited = await this.invitedByEmail(em, meeting);
    await this.enqueueMany(
      em,
      meeting,
      invited.map((r) => r.person.id),
      'update',
      { previous },
    );
  }

  async cancelled(em: EntityManager, meeting: Meeting): Promise<void> {
    const invited = await this.invitedByEmail(em, meeting);
    await this.enqueueMany(
      em,
      meeting,
      invited.map((r) => r.person.id),
      'cancellation',
      {},
    );
  }

  /** The worker proposed a meeting: every coordinator of the series is told, to confirm it. */
  async proposedByWorker(em: EntityManager, meeting: Meeting): Promise<void> {
    const coordinators = await em.find(SeriesCoordinator, {
      where: { seriesId: meeting.seriesId },
      relations: { person: true },
    });
    for (const c of coordinators) {
      if (!c.person?.email) continue;
      await this.enqueueRaw(em, {
        idempotencyKey: `proposal-notice:${meeting.id}:${c.personId}`,
        kind: 'proposal-notice',
        meetingId: meeting.id,
        personId: c.personId,
        sequence: meeting.icalSequence,
        payload: {},
      });
    }
  }

  /**
   * The login-link email, in the transaction that stores the token. Priority rows are claimed first;
   * the caller also sends this one right after the commit (`MailDispatcher.dispatchNow`).
   */
  async enqueueLogin(
    em: EntityManager,
    personId: string,
    loginToken: string,
    invite?: MailJobPayload['invite'],
  ): Promise<string> {
    const [row] = (
      await em
        .createQueryBuilder()
        .insert()
        .into(MailJob)
        .values({
          idempotencyKey: `login-link:${sha256(loginToken)}`,
          kind: 'login-link',
          meetingId: null,
          seriesId: null,
          personId,
          sequence: 0,
          priority: LOGIN_PRIORITY,
          payload: invite ? { loginToken, invite } : { loginToken },
        })
        .returning('id')
        .execute()
    ).raw as { id: string }[];
    return row.id;
  }

  /** Reminder jobs for those invited by email who have not declined; once per meeting, person, day and sequence. */
  async enqueueReminders(em: EntityManager, meeting: Meeting, days: number): Promise<number> {
    const invited = await this.invitedByEmail(em, meeting);
    const declined = new Set(
      (
        await em.find(Invitation, {
          where: { meetingId: meeting.id, answer: 'no', personId: In(invited.map((r) => r.person.id)) },
        })
      ).map((i) => i.personId),
    );
    const people = invited.map((r) => r.person.id).filter((id) => !declined.has(id));
    return this.enqueueMany(em, meeting, people, 'reminder', { reminderDays: days }, `:${days}d`);
  }

  /** Members with an invitation who may be emailed now (consent, address, not unsubscribed). */
  private async invitedByEmail(em: EntityManager, meeting: Meeting): Promise<Recipient[]> {
    const invited = new Set(
      (await em.find(Invitation, { where: { meetingId: meeting.id }, select: { personId: true } })).map(
        (i) => i.personId,
      ),
    );
    return (await this.members(em, meeting.seriesId)).filter(
      (r) => invited.has(r.person.id) && !notEmailedReason(r.person, r.membership),
    );
  }

  /**
   * One outbox row per person, with their personal tokens, in one statement whatever the number of
   * people: the rows are inserted unless their idempotency key exists, and the tokens (only their
   * hashes) are stored for the rows that were inserted only. Returns how many rows were new.
   */
  private async enqueueMany(
    em: EntityManager,
    meeting: Meeting,
    personIds: string[],
    kind: MailJobKind,
    payload: MailJobPayload,
    keySuffix = '',
  ): Promise<number> {
    if (personIds.length === 0) return 0;
    const keys: string[] = [];
    const payloads: string[] = [];
    const hashes: Record<'rsvp' | 'calendar' | 'unsubscribe', (string | null)[]> = {
      rsvp: [],
      calendar: [],
      unsubscribe: [],
    };
    for (const personId of personIds) {
      const rsvp = kind === 'cancellation' ? undefined : newToken();
      const calendar = newToken();
      const unsubscribe = newToken();
      keys.push(`${kind}:${meeting.id}:${personId}:${meeting.icalSequence}${keySuffix}`);
      payloads.push(
        JSON.stringify({
          ...payload,
          rsvpToken: rsvp,
          calendarToken: calendar,
          unsubscribeToken: unsubscribe,
        }),
      );
      hashes.rsvp.push(rsvp ? sha256(rsvp) : null);
      hashes.calendar.push(sha256(calendar));
      hashes.unsubscribe.push(sha256(unsubscribe));
    }
    const [{ n }] = (await em.query(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
                    AS t(person_id, idempotency_key, payload, rsvp_hash, calendar_hash, unsubscribe_hash)
       ), jobs AS (
         INSERT INTO mail_job (idempotency_key, kind, meeting_id, person_id, sequence, payload)
         SELECT i.idempotency_key, $7, $8, i.person_id, $9, i.payload::jsonb FROM input i
         ON CONFLICT DO NOTHING
         RETURNING person_id
       ), tokens AS (
         INSERT INTO access_token (token_hash, purpose, subject_id, series_id)
         SELECT x.hash, x.purpose, x.subject_id, x.series_id
           FROM input i JOIN jobs j ON j.person_id = i.person_id
          CROSS JOIN LATERAL (VALUES
            (i.rsvp_hash, 'rsvp', (SELECT v.id FROM invitation v WHERE v.meeting_id = $8 AND v.person_id = i.person_id), NULL::uuid),
            (i.calendar_hash, 'calendar', i.person_id, NULL::uuid),
            (i.unsubscribe_hash, 'unsubscribe', i.person_id, $10::uuid)
          ) AS x(hash, purpose, subject_id, series_id)
          WHERE x.hash IS NOT NULL
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM jobs)::int AS n, (SELECT count(*) FROM tokens)::int AS tokens`,
      [
        personIds,
        keys,
        payloads,
        hashes.rsvp,
        hashes.calendar,
        hashes.unsubscribe,
        kind,
        meeting.id,
        meeting.icalSequence,
        meeting.seriesId,
      ],
    )) as { n: number }[];
    return n;
  }

  private async enqueueRaw(em: EntityManager, job: Partial<MailJob>): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .insert()
      .into(MailJob)
      .values(job)
      .orIgnore()
      .returning('id')
      .execute();
    return (result.raw as unknown[]).length > 0;
  }
}
