import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, MoreThan } from 'typeorm';
import { KiertoConfig, publicUrl } from '@kierto/config';
import { Meeting } from '@kierto/meetings';
import { badField, Person, Series, SeriesMembership, Unit } from '@kierto/network';
import { resolveToken } from './access-tokens';
import { buildFeedIcs } from './ics';
import { Invitation, RSVP_ANSWERS, RsvpAnswer } from './invitation.entity';

export interface RsvpView {
  invitation: Invitation;
  person: Person;
  meeting: Meeting;
  series: Series;
  host: Unit;
}

/** What a person can do with a personal link, without an account. */
@Injectable()
export class RsvpService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: KiertoConfig,
  ) {}

  async view(token: string): Promise<RsvpView> {
    const t = await resolveToken(this.db.manager, 'rsvp', token);
    if (!t) throw new NotFoundException('This link is not valid');
    const invitation = await this.db.getRepository(Invitation).findOneByOrFail({ id: t.subjectId });
    const meeting = await this.db.getRepository(Meeting).findOneByOrFail({ id: invitation.meetingId });
    return {
      invitation,
      person: await this.db.getRepository(Person).findOneByOrFail({ id: invitation.personId }),
      meeting,
      series: await this.db.getRepository(Series).findOneByOrFail({ id: meeting.seriesId }),
      host: await this.db.getRepository(Unit).findOneByOrFail({ id: meeting.hostUnitId }),
    };
  }

  /** Records an answer; a later answer replaces an earlier one. */
  async answer(token: string, answer: string, note?: string): Promise<RsvpView> {
    if (!RSVP_ANSWERS.includes(answer as RsvpAnswer)) {
      throw badField('answer', 'answer must be yes, no or maybe');
    }
    if (note !== undefined && note.length > 500) {
      throw badField('note', 'note must be at most 500 characters');
    }
    const view = await this.view(token);
    if (view.meeting.status === 'cancelled') return view;
    view.invitation.answer = answer as RsvpAnswer;
    if (note !== undefined) view.invitation.note = note.trim() || null;
    view.invitation.answeredAt = new Date();
    await this.db.getRepository(Invitation).save(view.invitation);
    return view;
  }

  /** What an unsubscribe link is for, without changing anything (the page the link opens). */
  async unsubscribeView(token: string): Promise<{ series: Series; person: Person; unsubscribed: boolean }> {
    const t = await resolveToken(this.db.manager, 'unsubscribe', token);
    if (!t || !t.seriesId) throw new NotFoundException('This link is not valid');
    const membership = await this.db
      .getRepository(SeriesMembership)
      .findOneBy({ seriesId: t.seriesId, personId: t.subjectId });
    return {
      series: await this.db.getRepository(Series).findOneByOrFail({ id: t.seriesId }),
      person: await this.db.getRepository(Person).findOneByOrFail({ id: t.subjectId }),
      unsubscribed: Boolean(membership?.unsubscribedAt),
    };
  }

  /** Stops email from one series to the person; recorded on their membership. Only from a POST. */
  async unsubscribe(token: string): Promise<{ series: Series; person: Person }> {
    const t = await resolveToken(this.db.manager, 'unsubscribe', token);
    if (!t || !t.seriesId) throw new NotFoundException('This link is not valid');
    await this.db
      .getRepository(SeriesMembership)
      .createQueryBuilder()
      .update()
      .set({ unsubscribedAt: () => 'COALESCE(unsubscribed_at, now())' })
      .where('series_id = :s AND person_id = :p', { s: t.seriesId, p: t.subjectId })
      .execute();
    return {
      series: await this.db.getRepository(Series).findOneByOrFail({ id: t.seriesId }),
      person: await this.db.getRepository(Person).findOneByOrFail({ id: t.subjectId }),
    };
  }

  /** The person's subscribable calendar: upcoming meetings of their series, with the invites' UIDs and SEQUENCEs. */
  async calendarFeed(token: string, now = new Date()): Promise<string> {
    const t = await resolveToken(this.db.manager, 'calendar', token);
    if (!t) throw new NotFoundException('This link is not valid');
    const person = await this.db.getRepository(Person).findOneByOrFail({ id: t.subjectId });
    const memberships = await this.db
      .getRepository(SeriesMembership)
      .find({ where: { personId: person.id, active: true } });
    const seriesIds = memberships.map((m) => m.seriesId);
    const meetings = seriesIds.length
      ? await this.db.getRepository(Meeting).find({
          where: {
            seriesId: In(seriesIds),
            status: In(['confirmed', 'cancelled']),
            endsAt: MoreThan(new Date(now.getTime() - 30 * 86400_000)),
          },
          order: { startsAt: 'ASC' },
        })
      : [];
    const series = seriesIds.length ? await this.db.getRepository(Series).findBy({ id: In(seriesIds) }) : [];
    const units = meetings.length
      ? await this.db.getRepository(Unit).findBy({ id: In([...new Set(meetings.map((m) => m.hostUnitId))]) })
      : [];
    const base = publicUrl(this.config);
    return buildFeedIcs(
      'Kierto',
      meetings.map((m) => {
        const s = series.find((x) => x.id === m.seriesId) as Series;
        const u = units.find((x) => x.id === m.hostUnitId) as Unit;
        return {
          uid: m.icalUid,
          sequence: m.icalSequence,
          startsAt: m.startsAt,
          endsAt: m.endsAt,
          timezone: s.timezone,
          summary: `${s.name} #${m.number}`,
          description: [u.name, u.streetAddress, u.accessibilityNotes].filter(Boolean).join('\n'),
          location: `${u.name}, ${u.streetAddress}`,
          url: base,
          status: m.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
          organizer: { name: s.name, email: this.config.MAIL_FROM },
          attendee: null,
          lastModified: m.updatedAt,
        };
      }),
    );
  }
}
