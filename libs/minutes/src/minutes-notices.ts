import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { mintToken, NoticeActionLine, NoticeOutbox, notEmailedReason } from '@kierto/mail';
import { Meeting } from '@kierto/meetings';
import { Person, Series, SeriesMembership, Unit } from '@kierto/network';
import { ActionItem, ActionStatus, OPEN_ACTION_STATUSES } from './action-item.entity';
import { Minutes } from './minutes.entity';
import { TopicProposal } from './topic-proposal.entity';

/**
 * Who is told what about agendas, minutes and action items. Every notice is queued in the
 * transaction of the change that causes it, with a key that makes a repeat a no-op.
 */
@Injectable()
export class MinutesNotices {
  constructor(private readonly outbox: NoticeOutbox) {}

  /**
   * A unit's people in a series: its staff members, and the person behind the unit's contact address;
   * when no person has that address, the address itself (an office mailbox).
   */
  async unitRecipients(
    em: EntityManager,
    seriesId: string,
    unitId: string,
  ): Promise<{ people: Person[]; office: { address: string; name: string } | null }> {
    const people = await this.unitContacts(em, seriesId, unitId);
    const unit = await em.findOne(Unit, { where: { id: unitId } });
    const address = unit?.contactEmail?.trim().toLowerCase();
    const office =
      address &&
      !people.some((p) => p.emailNormalized === address) &&
      !(await em.exists(Person, { where: { emailNormalized: address } }))
        ? { address: unit!.contactEmail!.trim(), name: unit!.name }
        : null;
    return { people, office };
  }

  /** A unit's people in a series: its staff members, and the person behind the unit's contact address. */
  async unitContacts(em: EntityManager, seriesId: string, unitId: string): Promise<Person[]> {
    const unit = await em.findOne(Unit, { where: { id: unitId } });
    const staff = (
      await em.find(SeriesMembership, { where: { seriesId, active: true }, relations: { person: true } })
    )
      .map((m) => m.person as Person)
      .filter((p) => p && p.kind === 'staff' && p.homeUnitId === unitId);
    const contact = unit?.contactEmail
      ? await em.findOne(Person, { where: { emailNormalized: unit.contactEmail.trim().toLowerCase() } })
      : null;
    const all = contact ? [contact, ...staff] : staff;
    return [...new Map(all.map((p) => [p.id, p])).values()];
  }

  private async line(
    em: EntityManager,
    item: ActionItem,
  ): Promise<NoticeActionLine & { description: string | null }> {
    const unit = item.ownerUnit ?? (await em.findOne(Unit, { where: { id: item.ownerUnitId } }));
    const assignee = item.assigneeId ? await em.findOne(Person, { where: { id: item.assigneeId } }) : null;
    return {
      title: item.title,
      description: item.description,
      ownerUnit: unit?.name ?? '',
      assigneeName: assignee?.displayName ?? null,
      dueDate: item.dueDate,
      status: item.status,
    };
  }

  private async seriesName(em: EntityManager, seriesId: string): Promise<string> {
    return (await em.findOneOrFail(Series, { where: { id: seriesId } })).name;
  }

  async actionAssigned(em: EntityManager, item: ActionItem): Promise<void> {
    const { people, office } = await this.unitRecipients(em, item.seriesId, item.ownerUnitId);
    if (item.assigneeId) {
      const a = await em.findOne(Person, { where: { id: item.assigneeId } });
      if (a && !people.some((p) => p.id === a.id)) people.push(a);
    }
    const meeting = await em.findOne(Meeting, { where: { id: item.meetingId } });
    const data = {
      seriesName: await this.seriesName(em, item.seriesId),
      action: await this.line(em, item),
      meetingNumber: meeting?.number ?? null,
      url: null,
    };
    for (const p of people) {
      await this.outbox.enqueue(em, {
        kind: 'action-assigned',
        seriesId: item.seriesId,
        personId: p.id,
        meetingId: item.meetingId,
        key: `action-assigned:${item.id}:${item.ownerUnitId}:${item.assigneeId ?? '-'}:${p.id}`,
        data,
      });
    }
    if (office) {
      await this.outbox.enqueueToAddress(em, {
        kind: 'action-assigned',
        seriesId: item.seriesId,
        meetingId: item.meetingId,
        key: `action-assigned:${item.id}:${item.ownerUnitId}:${item.assigneeId ?? '-'}:unit:${office.address}`,
        data,
        ...office,
      });
    }
  }

  /** Returns how many notices were queued. */
  async actionDue(em: EntityManager, item: ActionItem, today: string): Promise<number> {
    const { people, office } = await this.unitRecipients(em, item.seriesId, item.ownerUnitId);
    if (item.assigneeId) {
      const a = await em.findOne(Person, { where: { id: item.assigneeId } });
      if (a && !people.some((p) => p.id === a.id)) people.push(a);
    }
    const daysLeft = Math.round((Date.parse(item.dueDate as string) - Date.parse(today)) / 86_400_000);
    const data = {
      seriesName: await this.seriesName(em, item.seriesId),
      action: await this.line(em, item),
      daysLeft,
      url: null,
    };
    let n = 0;
    for (const p of people) {
      const r = await this.outbox.enqueue(em, {
        kind: 'action-due',
        seriesId: item.seriesId,
        personId: p.id,
        meetingId: item.meetingId,
        key: `action-due:${item.id}:${item.dueDate}:${p.id}`,
        data,
      });
      if (r.queued) n += 1;
    }
    if (office) {
      const r = await this.outbox.enqueueToAddress(em, {
        kind: 'action-due',
        seriesId: item.seriesId,
        meetingId: item.meetingId,
        key: `action-due:${item.id}:${item.dueDate}:unit:${office.address}`,
        data,
        ...office,
      });
      if (r.queued) n += 1;
    }
    return n;
  }

  /** The person who raised the item and asked to be told hears of a new status or outcome. */
  async actionUpdated(em: EntityManager, item: ActionItem, previousStatus: ActionStatus): Promise<void> {
    if (!item.notifyRaiser || !item.raisedByPersonId) return;
    const state = createHash('sha256')
      .update(`${item.status}\n${item.publicOutcome ?? ''}`)
      .digest('hex')
      .slice(0, 16);
    await this.outbox.enqueue(em, {
      kind: 'action-update',
      seriesId: item.seriesId,
      personId: item.raisedByPersonId,
      meetingId: item.meetingId,
      key: `action-update:${item.id}:${state}:${item.raisedByPersonId}`,
      data: {
        seriesName: await this.seriesName(em, item.seriesId),
        title: item.title,
        status: item.status,
        previousStatus,
        publicOutcome: item.publicOutcome,
        url: null,
      },
    });
  }

  async proposalDecided(em: EntityManager, p: TopicProposal, meeting: Meeting | null): Promise<void> {
    if (!p.proposerId || !p.notifyProposer || p.status === 'pending') return;
    await this.outbox.enqueue(em, {
      kind: 'proposal-decided',
      seriesId: p.seriesId,
      personId: p.proposerId,
      meetingId: meeting?.id ?? null,
      key: `proposal-decided:${p.id}:${p.proposerId}`,
      data: {
        seriesName: await this.seriesName(em, p.seriesId),
        title: p.title,
        decision: p.status,
        reason: p.decisionReason,
        meetingDate: meeting?.localDate ?? null,
        url: null,
      },
    });
  }

  /** The next host hears what it hosts and what is open; once per meeting and host. */
  async handover(em: EntityManager, meeting: Meeting): Promise<void> {
    const host = await em.findOneOrFail(Unit, { where: { id: meeting.hostUnitId } });
    const series = await em.findOneOrFail(Series, { where: { id: meeting.seriesId } });
    const open = await em.find(ActionItem, {
      where: { seriesId: meeting.seriesId, status: In(OPEN_ACTION_STATUSES) },
      relations: { ownerUnit: true },
      order: { dueDate: 'ASC', createdAt: 'ASC' },
    });
    const pending = await em.find(TopicProposal, {
      where: { seriesId: meeting.seriesId, status: 'pending' },
      order: { createdAt: 'ASC' },
    });
    const data = {
      seriesName: series.name,
      meetingNumber: meeting.number,
      startsAt: meeting.startsAt.toISOString(),
      timezone: series.timezone,
      hostName: host.name,
      streetAddress: host.streetAddress,
      openActions: await Promise.all(open.map((a) => this.line(em, a))).then((ls) =>
        ls.map(({ description: _d, ...l }) => l),
      ),
      pendingProposals: pending.map((p) => p.title),
      url: null,
    };
    const { people, office } = await this.unitRecipients(em, meeting.seriesId, host.id);
    for (const p of people) {
      await this.outbox.enqueue(em, {
        kind: 'handover',
        seriesId: meeting.seriesId,
        personId: p.id,
        meetingId: meeting.id,
        key: `handover:${meeting.id}:${host.id}:${p.id}`,
        data,
      });
    }
    if (office) {
      await this.outbox.enqueueToAddress(em, {
        kind: 'handover',
        seriesId: meeting.seriesId,
        meetingId: meeting.id,
        key: `handover:${meeting.id}:${host.id}:unit:${office.address}`,
        data,
        ...office,
      });
    }
  }

  /**
   * The coordinator who takes over a series hears where things stand: the next meeting (time, place,
   * its page), the open action items, the proposals waiting, and where the minutes are.
   */
  async coordinatorHandover(
    em: EntityManager,
    seriesId: string,
    from: Person,
    toPersonId: string,
  ): Promise<boolean> {
    const series = await em.findOneOrFail(Series, { where: { id: seriesId } });
    const next = await em
      .getRepository(Meeting)
      .createQueryBuilder('m')
      .where('m.series_id = :seriesId', { seriesId })
      .andWhere(`m.status IN ('draft', 'confirmed')`)
      .andWhere('m.ends_at > now()')
      .orderBy('m.starts_at', 'ASC')
      .getOne();
    const host = next ? await em.findOne(Unit, { where: { id: next.hostUnitId } }) : null;
    const open = await em.find(ActionItem, {
      where: { seriesId, status: In(OPEN_ACTION_STATUSES) },
      relations: { ownerUnit: true },
      order: { dueDate: 'ASC', createdAt: 'ASC' },
    });
    const pending = await em.find(TopicProposal, {
      where: { seriesId, status: 'pending' },
      order: { createdAt: 'ASC' },
    });
    const lastMinutes = await em.findOne(Minutes, { where: { seriesId }, order: { createdAt: 'DESC' } });
    const result = await this.outbox.enqueue(em, {
      kind: 'coordinator-handover',
      seriesId,
      personId: toPersonId,
      key: `coordinator-handover:${seriesId}:${from.id}:${toPersonId}:${Date.now()}`,
      data: {
        seriesName: series.name,
        fromName: from.displayName,
        meeting:
          next && host
            ? {
                number: next.number,
                startsAt: next.startsAt.toISOString(),
                timezone: series.timezone,
                hostName: host.name,
                streetAddress: host.streetAddress,
                confirmed: next.status === 'confirmed',
                url: `/meetings/${next.id}`,
              }
            : null,
        openActions: await Promise.all(open.map((a) => this.line(em, a))).then((ls) =>
          ls.map(({ description: _d, ...l }) => l),
        ),
        pendingProposals: pending.map((p) => p.title),
        minutesUrl: lastMinutes ? `/meetings/${lastMinutes.meetingId}#minutes` : null,
        settingsUrl: `/series/${seriesId}/settings`,
        url: '/',
      },
    });
    return result.queued;
  }

  /** Every member who may be emailed gets the summary and a personal link to read the minutes. */
  async minutesPublished(em: EntityManager, m: Minutes, meeting: Meeting): Promise<void> {
    const host = await em.findOneOrFail(Unit, { where: { id: meeting.hostUnitId } });
    const series = await em.findOneOrFail(Series, { where: { id: meeting.seriesId } });
    const actions = await em.find(ActionItem, {
      where: { meetingId: meeting.id },
      relations: { ownerUnit: true },
      order: { createdAt: 'ASC' },
    });
    const actionItems = (await Promise.all(actions.map((a) => this.line(em, a)))).map(
      ({ description: _d, ...l }) => l,
    );
    const decisions = m.items
      .filter((i) => i.decisions.trim())
      .map((i) => `${i.title}: ${i.decisions.trim()}`);
    const members = await em.find(SeriesMembership, {
      where: { seriesId: meeting.seriesId, active: true },
      relations: { person: true },
    });
    for (const member of members) {
      const person = member.person as Person;
      if (notEmailedReason(person, member)) continue;
      const token = await mintToken(em, 'minutes', person.id, meeting.seriesId);
      await this.outbox.enqueue(em, {
        kind: 'minutes-published',
        seriesId: meeting.seriesId,
        personId: person.id,
        meetingId: meeting.id,
        key: `minutes-published:${m.id}:${person.id}`,
        data: {
          seriesName: series.name,
          meetingNumber: meeting.number,
          meetingDate: meeting.localDate,
          hostName: host.name,
          version: m.version,
          correctionNote: m.correctionNote,
          decisions,
          actionItems,
          url: `/minutes/${token}?m=${m.id}`,
        },
      });
    }
  }
}
