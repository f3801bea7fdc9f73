import { Injectable } from '@nestjs/common';
import { SendMailOptions } from 'nodemailer';
import { EntityManager } from 'typeorm';
import { KiertoConfig, publicUrl } from '@kierto/config';
import { Meeting } from '@kierto/meetings';
import { Person, Series, Unit } from '@kierto/network';
import { buildInviteIcs } from './ics';
import { MailJob } from './mail-job.entity';
import { MailRenderer, MeetingMailProps } from './mail-renderer';

export type Composition = { message: SendMailOptions } | { skip: string };

/**
 * Builds the message for an outbox row from the meeting as it is now. A row whose calendar sequence
 * is older than the meeting's has been superseded by a newer message and is not sent.
 */
@Injectable()
export class MailComposer {
  constructor(
    private readonly config: KiertoConfig,
    private readonly renderer: MailRenderer,
  ) {}

  async compose(em: EntityManager, job: MailJob, now: Date): Promise<Composition> {
    const meeting = await em.findOne(Meeting, { where: { id: job.meetingId } });
    const person = await em.findOne(Person, { where: { id: job.personId } });
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
    const rendered = this.renderer.render({
      kind: job.kind,
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
      agenda: [],
      rsvp: rsvpPage
        ? {
            yes: `${rsvpPage}?answer=yes`,
            no: `${rsvpPage}?answer=no`,
            maybe: `${rsvpPage}?answer=maybe`,
            page: rsvpPage,
          }
        : null,
      calendarUrl,
      unsubscribeUrl,
      cancelReason: meeting.cancelReason,
      previous,
      hostOverrideReason: meeting.hostOverrideReason,
      manageUrl: job.kind === 'proposal-notice' ? `${base}/api/v1/meetings/${meeting.id}` : null,
    });
    const message: SendMailOptions = {
      from: { name: series.name, address: this.config.MAIL_FROM },
      to: { name: person.displayName, address: person.email },
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      messageId: `<${job.id}@kierto.mail>`,
      headers: unsubscribeUrl
        ? { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
        : {},
    };
    if (job.kind !== 'proposal-notice') {
      const method = job.kind === 'cancellation' ? 'CANCEL' : 'REQUEST';
      const ics = buildInviteIcs(method, {
        uid: meeting.icalUid,
        sequence: job.sequence,
        startsAt: meeting.startsAt,
        endsAt: meeting.endsAt,
        timezone: series.timezone,
        summary: `${series.name} #${meeting.number}`,
        description: rendered.text,
        location: `${host.name}, ${host.streetAddress}`,
        url: rsvpPage,
        status: job.kind === 'cancellation' ? 'CANCELLED' : 'CONFIRMED',
        organizer: { name: series.name, email: this.config.MAIL_FROM },
        attendee: { name: person.displayName, email: person.email },
        lastModified: meeting.updatedAt,
      });
      message.icalEvent = { method, content: ics, filename: 'invite.ics' };
    }
    return { message };
  }
}
