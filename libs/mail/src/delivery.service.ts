import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Meeting } from '@kierto/meetings';
import { PersonKind } from '@kierto/network';
import { Invitation, RsvpAnswer } from './invitation.entity';
import { MailJob } from './mail-job.entity';
import { notEmailedReason, OutboxService } from './outbox.service';

export interface DeliveryRow {
  kind: string;
  sequence: number;
  status: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
}

export interface InvitationRow {
  personId: string;
  displayName: string;
  personKind: PersonKind;
  answer: RsvpAnswer | null;
  note: string | null;
  answeredAt: string | null;
  reachedBy: 'email' | 'other';
  notEmailedReason: string | null;
  deliveries: DeliveryRow[];
  neededRetries: boolean;
}

export type AnswerCounts = Record<PersonKind, Record<RsvpAnswer | 'none', number>>;

/** Coordinators' view: who is invited, who answered what, and how each email fared. */
@Injectable()
export class DeliveryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  async recipients(meeting: Meeting) {
    const members = await this.outbox.members(this.db.manager, meeting.seriesId);
    const row = (r: (typeof members)[number]) => ({
      personId: r.person.id,
      displayName: r.person.displayName,
      personKind: r.person.kind,
      language: r.person.preferredLanguage,
    });
    return {
      email: members.filter((r) => !notEmailedReason(r.person, r.membership)).map(row),
      other: members
        .filter((r) => notEmailedReason(r.person, r.membership))
        .map((r) => ({ ...row(r), reason: notEmailedReason(r.person, r.membership) as string })),
    };
  }

  async invitations(meeting: Meeting): Promise<{ counts: AnswerCounts; invitations: InvitationRow[] }> {
    const members = await this.outbox.members(this.db.manager, meeting.seriesId);
    const invitations = await this.db.getRepository(Invitation).find({ where: { meetingId: meeting.id } });
    const jobs = await this.db
      .getRepository(MailJob)
      .find({ where: { meetingId: meeting.id }, order: { createdAt: 'ASC' } });
    const counts: AnswerCounts = {
      staff: { yes: 0, no: 0, maybe: 0, none: 0 },
      service_user: { yes: 0, no: 0, maybe: 0, none: 0 },
      guest: { yes: 0, no: 0, maybe: 0, none: 0 },
    };
    const rows: InvitationRow[] = [];
    const memberOf = new Map(members.map((m) => [m.person.id, m]));
    const jobsOf = new Map<string, MailJob[]>();
    for (const j of jobs) if (j.personId) jobsOf.set(j.personId, [...(jobsOf.get(j.personId) ?? []), j]);
    for (const inv of invitations) {
      const member = memberOf.get(inv.personId);
      if (!member) continue;
      counts[member.person.kind][inv.answer ?? 'none'] += 1;
      const deliveries = (jobsOf.get(inv.personId) ?? []).map((j) => ({
        kind: j.kind,
        sequence: j.sequence,
        status: j.status,
        attempts: j.attempts,
        lastError: j.lastError,
        nextAttemptAt: j.status === 'retrying' ? j.nextAttemptAt.toISOString() : null,
        sentAt: j.sentAt?.toISOString() ?? null,
      }));
      const reason = notEmailedReason(member.person, member.membership);
      rows.push({
        personId: inv.personId,
        displayName: member.person.displayName,
        personKind: member.person.kind,
        answer: inv.answer,
        note: inv.note,
        answeredAt: inv.answeredAt?.toISOString() ?? null,
        reachedBy: reason ? 'other' : 'email',
        notEmailedReason: reason,
        deliveries,
        neededRetries: deliveries.some((d) => d.attempts > 1),
      });
    }
    const finnish = new Intl.Collator('fi');
    rows.sort((a, b) => finnish.compare(a.displayName, b.displayName));
    return { counts, invitations: rows };
  }
}
