import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Meeting, MeetingHooks } from '@kierto/meetings';
import { isEmailable, Person, SeriesCoordinator, SeriesMembership } from '@kierto/network';
import { mintToken, sha256 } from './access-tokens';
import { Invitation } from './invitation.entity';
import { MailJob, MailJobKind, MailJobPayload } from './mail-job.entity';

export interface Recipient {
  person: Person;
  membership: SeriesMembership;
}

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
    return rows
      .filter((m) => m.person)
      .map((m) => ({ person: m.person as Person, membership: m }))
      .sort((a, b) => a.person.displayName.localeCompare(b.person.displayName, 'fi'));
  }

  async confirmed(em: EntityManager, meeting: Meeting): Promise<void> {
    const members = await this.members(em, meeting.seriesId);
    if (members.length > 0) {
      await em
        .createQueryBuilder()
        .insert()
        .into(Invitation)
        .values(members.map((r) => ({ meetingId: meeting.id, personId: r.person.id })))
        .orIgnore()
        .execute();
    }
    for (const r of members) {
      if (notEmailedReason(r.person, r.membership)) continue;
      await this.enqueue(em, meeting, r.person.id, 'invitation', {});
    }
  }

  async changed(em: EntityManager, meeting: Meeting, before: Meeting): Promise<void> {
    const previous = {
      startsAt: before.startsAt.toISOString(),
      endsAt: before.endsAt.toISOString(),
      hostUnitId: before.hostUnitId,
    };
    for (const r of await this.invitedByEmail(em, meeting)) {
      await this.enqueue(em, meeting, r.person.id, 'update', { previous });
    }
  }

  async cancelled(em: EntityManager, meeting: Meeting): Promise<void> {
    for (const r of await this.invitedByEmail(em, meeting)) {
      await this.enqueue(em, meeting, r.person.id, 'cancellation', {});
    }
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
    let n = 0;
    for (const r of invited) {
      if (declined.has(r.person.id)) continue;
      if (await this.enqueue(em, meeting, r.person.id, 'reminder', { reminderDays: days }, `:${days}d`))
        n += 1;
    }
    return n;
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

  private async enqueue(
    em: EntityManager,
    meeting: Meeting,
    personId: string,
    kind: MailJobKind,
    payload: MailJobPayload,
    keySuffix = '',
  ): Promise<boolean> {
    const idempotencyKey = `${kind}:${meeting.id}:${personId}:${meeting.icalSequence}${keySuffix}`;
    // Checked first so that repeated ticks do not mint tokens for messages that exist already.
    if (await em.exists(MailJob, { where: { idempotencyKey } })) return false;
    const invitation = await em.findOneOrFail(Invitation, { where: { meetingId: meeting.id, personId } });
    const full: MailJobPayload = {
      ...payload,
      rsvpToken: kind === 'cancellation' ? undefined : await mintToken(em, 'rsvp', invitation.id),
      calendarToken: await mintToken(em, 'calendar', personId),
      unsubscribeToken: await mintToken(em, 'unsubscribe', personId, meeting.seriesId),
    };
    return this.enqueueRaw(em, {
      idempotencyKey,
      kind,
      meetingId: meeting.id,
      personId,
      sequence: meeting.icalSequence,
      payload: full,
    });
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
