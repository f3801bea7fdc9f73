import { Inject, Injectable, Optional } from '@nestjs/common';
import { SendMailOptions } from 'nodemailer';
import { EntityManager } from 'typeorm';
import { KiertoConfig, publicUrl } from '@kierto/config';
import { Meeting, MEETING_AGENDA, MeetingAgendaSource, moveFacts } from '@kierto/meetings';
import { explainMove } from '@kierto/rotation';
import { Person, Series, SeriesMembership, Unit } from '@kierto/network';
import { sha256 } from './access-tokens';
import { addressChangedMessage } from './address-changed-mail';
import { buildInviteIcs } from './ics';
import { LoginMail } from './login-mail';
import { MailJob } from './mail-job.entity';
import { MailRenderer, MeetingMailProps, RenderedMail } from './mail-renderer';
import { absoluteNoticeUrl, noticeRecipient } from './notice-outbox.service';
import { isNoticeKind } from './notice.types';
import { notEmailedReason } from './outbox.service';

export type Composition = { message: SendMailOptions } | { skip: string };

/**
 * Builds the message for an outbox row. Meeting mails are built from the meeting as it is now; a row
 * whose calendar sequence is older than the meeting's has been superseded by a newer message and is
 * not sent. Notices are built from the data stored in the row, and have no calendar part.
 */
@Injectable()
export class MailComposer {
  constructor(
    private readonly config: KiertoConfig,
    private readonly renderer: MailRenderer,
    private readonly loginMail: LoginMail,
    @Optional() @Inject(MEETING_AGENDA) private readonly agenda?: MeetingAgendaSource,
  ) {}

  async compose(em: EntityManager, job: MailJob, now: Date): Promise<Composition> {
    if (job.kind === 'login-link') return this.composeLogin(em, job);
    if (isNoticeKind(job.kind)) return this.composeNotice(em, job);
    if (job.kind === 'address-changed') {
      const message = addressChangedMessage(job, this.config.MAIL_FROM);
      return message ? { message } : { skip: 'no recipient' };
    }
    const kind = job.kind;
    const meeting = job.meetingId ? await em.findOne(Meeting, { where: { id: job.meetingId } }) : null;
    const person = job.personId ? await em.findOne(Person, { where: { id: job.personId } }) : null;
    if (!meeting || !person?.email) return { skip: 'the meeting or the recipient no longer exists' };
    if (job.kind !== 'proposal-notice' && job.kind !== 'cancellation') {
      if (meeting.status === 'cancelled') return { skip: 'the meeting was cancelled' };
      if (job.sequence < meeting.icalSequence)
        return { skip: 'the meeting changed; a newer message replaces this' };
    }
    if (job.kind === 'reminder' && meeting.startsAt <= now) return { skip: 'the meeting has started' };
    if (job.kind === 'proposal-notice' && meeting.status !== 'draft')
      return { skip: 'the proposal was handled' };
    const series = await em.findOneOrFail(Series, { where: { id: meeting.seriesId } });
    const host = await em.findOneOrFail(Unit, { where: { id: meeting.hostUnitId } });
    const base = publicUrl(this.config);
    const p = job.payload;
    let previous: MeetingMailProps['previous'] = null;
    if (job.kind === 'update' && p.previous) {
      const prevHost = await em.findOne(Unit, { where: { id: p.previous.hostUnitId } });
      previous = {
        startsAt: new Date(p.previous.startsAt),
        endsAt: new Date(p.previous.endsAt),
        hostName: prevHost?.name ?? host.name,
        streetAddress: prevHost?.streetAddress ?? host.streetAddress,
      };
    }
    const rsvpPage = p.rsvpToken ? `${base}/rsvp/${p.rsvpToken}` : null;
    const unsubscribeUrl = p.unsubscribeToken ? `${base}/unsubscribe/${p.unsubscribeToken}` : null;
    const calendarUrl = p.calendarToken ? `${base}/calendar/${p.calendarToken}.ics` : null;
    const language = person.preferredLanguage ?? series.defaultLanguage;
    const props: MeetingMailProps = {
      kind,
      language,
      recipientName: person.displayName,
      seriesName: series.name,
      meetingNumber: meeting.number,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      timezone: series.timezone,
      host: {
        name: host.name,
        streetAddress: host.streetAddress,
        accessibilityNotes: host.accessibilityNotes,
      },
      agenda: job.kind === 'cancellation' ? [] : ((await this.agenda?.titles(em, meeting.id)) ?? []),
      rsvp: rsvpPage
        ? {
            yes: `${rsvpPage}?answer=yes`,
            no: `${rsvpPage}?answer=no`,
            maybe: `${rsvpPage}?answer=maybe`,
            page: rsvpPage,
            home: `${base}/p/${p.rsvpToken}`,
          }
        : null,
      calendarUrl,
      unsubscribeUrl,
      cancelReason: meeting.cancelReason,
      previous,
      hostOverrideReason: meeting.hostOverrideReason,
      whyDate: job.kind === 'cancellation' ? null : explainMove(moveFacts(meeting), language),
      // A page (through login when needed), never the API: the page's Confirm button is a POST.
      manageUrl: job.kind === 'proposal-notice' ? `${base}/meetings/${meeting.id}` : null,
      confirmCounts: job.kind === 'proposal-notice' ? await this.confirmCounts(em, series.id) : null,
    };
    const rendered = this.renderer.render(props);
    const message = this.message(job, series, person, rendered, unsubscribeUrl);
    if (job.kind !== 'proposal-notice') {
      const method = job.kind === 'cancellation' ? 'CANCEL' : 'REQUEST';
      const ics = buildInviteIcs(method, {
        uid: meeting.icalUid,
        sequence: job.sequence,
        startsAt: meeting.startsAt,
        endsAt: meeting.endsAt,
        timezone: series.timezone,
        summary: `${series.name} #${meeting.number}`,
        // Invitations get forwarded: the calendar part has the meeting's facts and no personal link
        // (answer, unsubscribe, calendar feed); those stay in the email body.
        description: this.renderer.render({ ...props, rsvp: null, calendarUrl: null, unsubscribeUrl: null })
          .text,
        location: `${host.name}, ${host.streetAddress}`,
        url: base,
        status: job.kind === 'cancellation' ? 'CANCELLED' : 'CONFIRMED',
        organizer: { name: series.name, email: this.config.MAIL_FROM },
        attendee: { name: person.displayName, email: person.email },
        lastModified: meeting.updatedAt,
      });
      message.icalEvent = { method, content: ics, filename: 'invite.ics' };
    }
    return { message };
  }

  /** Who confirming would invite: active members who may be emailed, and the others. */
  private async confirmCounts(
    em: EntityManager,
    seriesId: string,
  ): Promise<{ email: number; other: number }> {
    const members = await em.find(SeriesMembership, {
      where: { seriesId, active: true },
      relations: { person: true },
    });
    const email = members.filter((m) => m.person && !notEmailedReason(m.person, m)).length;
    return { email, other: members.filter((m) => m.person).length - email };
  }

  /**
   * The login link, in the person's language as it is now; not sent once the link no longer works
   * (used, expired, or replaced by a newer one), nor to a person who may no longer log in.
   */
  private async composeLogin(em: EntityManager, job: MailJob): Promise<Composition> {
    const token = job.payload.loginToken;
    const person = job.personId ? await em.findOne(Person, { where: { id: job.personId } }) : null;
    if (!token || !person?.email) return { skip: 'the recipient no longer exists' };
    const usable: unknown[] = await em.query(
      `SELECT 1 FROM login_token WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()`,
      [sha256(token)],
    );
    if (!usable.length) return { skip: 'the login link no longer works (used, expired or replaced)' };
    const url = `${publicUrl(this.config)}/login/${token}`;
    const invite = job.payload.invite ?? null;
    const { subject, html, text } = this.loginMail.render(
      person,
      url,
      this.config.LOGIN_LINK_MINUTES,
      invite,
    );
    return {
      message: {
        from: { name: 'Kierto', address: this.config.MAIL_FROM },
        to: { name: person.displayName, address: person.email },
        subject,
        html,
        text,
        messageId: `<${job.id}@kierto.mail>`,
        headers: { 'Auto-Submitted': 'auto-generated' },
      },
    };
  }

  /**
   * A notice, from the data in the row, in the recipient's language as it is now. It is not sent if
   * the person may no longer be emailed for the series (unsubscribed, consent withdrawn, left).
   */
  private async composeNotice(em: EntityManager, job: MailJob): Promise<Composition> {
    if (!isNoticeKind(job.kind)) throw new Error(`not a notice: ${job.kind}`);
    const series = job.seriesId ? await em.findOne(Series, { where: { id: job.seriesId } }) : null;
    const notice = job.payload.notice;
    if (!series || !notice) return { skip: 'the series no longer exists' };
    const base = publicUrl(this.config);
    const office = job.payload.toAddress;
    if (!job.personId && office) {
      const rendered = this.renderer.renderNotice({
        kind: job.kind,
        language: series.defaultLanguage,
        recipientName: office.name,
        data: absoluteNoticeUrl(notice, base),
        unsubscribeUrl: null,
      });
      return {
        message: this.message(job, series, { displayName: office.name, email: office.email }, rendered, null),
      };
    }
    if (!job.personId) return { skip: 'no recipient' };
    const { person, reason } = await noticeRecipient(em, series.id, job.personId);
    if (!person?.email || reason) return { skip: `the recipient may no longer be emailed (${reason})` };
    const unsubscribeToken = job.payload.unsubscribeToken;
    const unsubscribeUrl = unsubscribeToken ? `${base}/unsubscribe/${unsubscribeToken}` : null;
    const rendered = this.renderer.renderNotice({
      kind: job.kind,
      language: person.preferredLanguage ?? series.defaultLanguage,
      recipientName: person.displayName,
      data: absoluteNoticeUrl(notice, base),
      unsubscribeUrl,
    });
    return { message: this.message(job, series, person, rendered, unsubscribeUrl) };
  }

  private message(
    job: MailJob,
    series: Series,
    person: Pick<Person, 'displayName' | 'email'>,
    rendered: RenderedMail,
    unsubscribeUrl: string | null,
  ): SendMailOptions {
    return {
      from: { name: series.name, address: this.config.MAIL_FROM },
      to: { name: person.displayName, address: person.email as string },
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      messageId: `<${job.id}@kierto.mail>`,
      headers: unsubscribeUrl
        ? { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
        : {},
    };
  }
}
