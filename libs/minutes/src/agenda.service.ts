import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { Meeting, MeetingAgendaSource, MeetingCreatedListener } from '@kierto/meetings';
import { badField } from '@kierto/network';
import { AgendaItem } from './agenda-item.entity';
import { ActionItem, OPEN_ACTION_STATUSES } from './action-item.entity';
import { StandingTopic } from './standing-topic.entity';
import { TopicProposal } from './topic-proposal.entity';
import { MinutesSearch } from './minutes-search';

/** The title of the automatic review item, in the series' language. */
export const REVIEW_TITLE: Record<string, string> = {
  fi: 'Avoimien jatkotoimenpiteiden läpikäynti',
  sv: 'Genomgång av öppna uppföljningsåtgärder',
  en: 'Review of open action items',
};

export const PREVIOUS_MINUTES_TITLE: Record<string, string> = {
  fi: 'Edellisen kokouksen muistion hyväksyminen',
  sv: 'Godkännande av föregående mötes protokoll',
  en: "Approval of the previous meeting's minutes",
};

export interface AgendaItemInput {
  title?: string;
  description?: string | null;
  timeBoxMinutes?: number | null;
  presenter?: string | null;
}

/**
 * The agenda of a meeting. A new meeting starts with the series' standing topics and the review item,
 * under which the open action items and the proposals not yet handled are carried.
 */
@Injectable()
export class AgendaService implements MeetingCreatedListener, MeetingAgendaSource {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly search: MinutesSearch,
  ) {}

  async meetingCreated(em: EntityManager, meeting: Meeting): Promise<void> {
    const topics = await em.find(StandingTopic, {
      where: { seriesId: meeting.seriesId, active: true },
      order: { position: 'ASC', createdAt: 'ASC' },
    });
    let position = 0;
    for (const t of topics) {
      position += 1;
      const item = await em.save(
        em.create(AgendaItem, {
          meetingId: meeting.id,
          parentId: null,
          position,
          kind: 'standing',
          title: t.title,
          description: t.description,
          timeBoxMinutes: t.timeBoxMinutes,
          presenter: null,
          standingTopicId: t.id,
          proposalId: null,
          actionItemId: null,
        }),
      );
      await this.search.indexAgendaItem(em, item, meeting);
    }
    await this.previousMinutesItem(em, meeting);
    await this.carryOver(em, meeting);
  }

  /**
   * While the previous meeting's minutes wait for approval (draft or circulated), the meeting's agenda
   * starts with approving them, so they can be approved by the next meeting. Added once.
   */
  async previousMinutesItem(em: EntityManager, meeting: Meeting): Promise<void> {
    const rows: { number: number; local_date: string; status: string; lang: string }[] = await em.query(
      `SELECT p.number, p.local_date::text AS local_date, mi.status, s.default_language AS lang
         FROM meeting p
         JOIN series s ON s.id = p.series_id
         JOIN LATERAL (SELECT status FROM minutes WHERE meeting_id = p.id ORDER BY version DESC LIMIT 1) mi ON true
        WHERE p.series_id = $1 AND p.status = 'confirmed' AND p.starts_at < $2
        ORDER BY p.starts_at DESC LIMIT 1`,
      [meeting.seriesId, meeting.startsAt],
    );
    const previous = rows[0];
    if (!previous || (previous.status !== 'draft' && previous.status !== 'circulated')) return;
    if (await em.exists(AgendaItem, { where: { meetingId: meeting.id, kind: 'previous-minutes' } })) return;
    await em.insert(AgendaItem, {
      meetingId: meeting.id,
      parentId: null,
      position: 0,
      kind: 'previous-minutes',
      title: PREVIOUS_MINUTES_TITLE[previous.lang] ?? PREVIOUS_MINUTES_TITLE.fi,
      description: `${previous.number}. ${previous.local_date}`,
    });
  }

  /** Minutes approved before the next meeting: its "approve the previous minutes" item is moot. */
  async previousMinutesApproved(em: EntityManager, next: Meeting): Promise<void> {
    await em.delete(AgendaItem, { meetingId: next.id, kind: 'previous-minutes' });
  }

  /** The review item of a meeting, created when missing (after the standing topics). */
  async reviewItem(em: EntityManager, meeting: Meeting): Promise<AgendaItem> {
    const existing = await em.findOne(AgendaItem, { where: { meetingId: meeting.id, kind: 'review' } });
    if (existing) return existing;
    const lang = (
      (await em.query(`SELECT default_language FROM series WHERE id = $1`, [meeting.seriesId])) as {
        default_language: string;
      }[]
    )[0]?.default_language;
    const result = await em
      .createQueryBuilder()
      .insert()
      .into(AgendaItem)
      .values({
        meetingId: meeting.id,
        parentId: null,
        position: (await this.maxPosition(em, meeting.id, null)) + 1,
        kind: 'review',
        title: REVIEW_TITLE[lang ?? 'fi'] ?? REVIEW_TITLE.fi,
        description: null,
        timeBoxMinutes: null,
        presenter: null,
        standingTopicId: null,
        proposalId: null,
        actionItemId: null,
      })
      .orIgnore()
      .execute();
    if ((result.identifiers ?? []).length === 0 || !result.identifiers[0]?.id) {
      return em.findOneOrFail(AgendaItem, { where: { meetingId: meeting.id, kind: 'review' } });
    }
    return em.findOneOrFail(AgendaItem, { where: { id: result.identifiers[0].id as string } });
  }

  /**
   * Puts the series' open action items and pending proposals under the meeting's review item. Safe to
   * repeat: unique indexes make an item appear once per meeting.
   */
  async carryOver(em: EntityManager, meeting: Meeting): Promise<{ actions: number; proposals: number }> {
    const review = await this.reviewItem(em, meeting);
    const open = await em.find(ActionItem, {
      where: { seriesId: meeting.seriesId, status: In(OPEN_ACTION_STATUSES) },
      relations: { ownerUnit: true },
      order: { dueDate: 'ASC', createdAt: 'ASC' },
    });
    const pending = await em.find(TopicProposal, {
      where: { seriesId: meeting.seriesId, status: 'pending' },
      order: { createdAt: 'ASC' },
    });
    let position = await this.maxPosition(em, meeting.id, review.id);
    let actions = 0;
    let proposals = 0;
    for (const a of open) {
      if (a.meetingId === meeting.id) continue;
      const r = await em
        .createQueryBuilder()
        .insert()
        .into(AgendaItem)
        .values({
          meetingId: meeting.id,
          parentId: review.id,
          position: position + 1,
          kind: 'carried-action',
          title: a.title,
          description: a.ownerUnit ? a.ownerUnit.name : null,
          actionItemId: a.id,
        })
        .orIgnore()
        .execute();
      if ((r.raw as unknown[]).length > 0) {
        position += 1;
        actions += 1;
      }
    }
    for (const p of pending) {
      const r = await em
        .createQueryBuilder()
        .insert()
        .into(AgendaItem)
        .values({
          meetingId: meeting.id,
          parentId: review.id,
          position: position + 1,
          kind: 'carried-proposal',
          title: p.title,
          description: p.description,
          proposalId: p.id,
        })
        .orIgnore()
        .execute();
      if ((r.raw as unknown[]).length > 0) {
        position += 1;
        proposals += 1;
      }
    }
    return { actions, proposals };
  }

  private async maxPosition(em: EntityManager, meetingId: string, parentId: string | null): Promise<number> {
    const row = (await em
      .createQueryBuilder(AgendaItem, 'a')
      .select('COALESCE(MAX(a.position), 0)', 'max')
      .where('a.meeting_id = :meetingId', { meetingId })
      .andWhere(parentId ? 'a.parent_id = :parentId' : 'a.parent_id IS NULL', { parentId })
      .getRawOne()) as { max: number };
    return Number(row.max);
  }

  async titles(em: EntityManager, meetingId: string): Promise<string[]> {
    const items = await em.find(AgendaItem, {
      where: { meetingId, parentId: IsNull() },
      order: { position: 'ASC', createdAt: 'ASC' },
    });
    return items.map((i) => i.title);
  }

  /** Top-level items in order, each followed by its children in order. */
  async list(meetingId: string, em: EntityManager = this.db.manager): Promise<AgendaItem[]> {
    const items = await em.find(AgendaItem, {
      where: { meetingId },
      order: { position: 'ASC', createdAt: 'ASC' },
    });
    const top = items.filter((i) => !i.parentId);
    return top.flatMap((t) => [t, ...items.filter((c) => c.parentId === t.id)]);
  }

  async get(id: string, em: EntityManager = this.db.manager): Promise<AgendaItem> {
    const item = await em.findOne(AgendaItem, { where: { id } });
    if (!item) throw new NotFoundException(`No agenda item ${id}`);
    return item;
  }

  async add(meetingId: string, input: AgendaItemInput & { title: string }): Promise<AgendaItem> {
    return this.db.transaction(async (em) => {
      const meeting = await this.openMeeting(em, meetingId);
      const item = await em.save(
        em.create(AgendaItem, {
          meetingId,
          parentId: null,
          position: (await this.maxPosition(em, meetingId, null)) + 1,
          kind: 'topic',
          title: input.title,
          description: input.description ?? null,
          timeBoxMinutes: input.timeBoxMinutes ?? null,
          presenter: input.presenter ?? null,
          standingTopicId: null,
          proposalId: null,
          actionItemId: null,
        }),
      );
      await this.search.indexAgendaItem(em, item, meeting);
      return item;
    });
  }

  /** Adds an accepted proposal to a meeting's agenda, in the caller's transaction. */
  async addProposal(em: EntityManager, meeting: Meeting, proposal: TopicProposal): Promise<AgendaItem> {
    const item = await em.save(
      em.create(AgendaItem, {
        meetingId: meeting.id,
        parentId: null,
        position: (await this.maxPosition(em, meeting.id, null)) + 1,
        kind: 'proposal',
        title: proposal.title,
        description: proposal.description,
        timeBoxMinutes: null,
        presenter: null,
        standingTopicId: null,
        proposalId: proposal.id,
        actionItemId: null,
      }),
    );
    await this.search.indexAgendaItem(em, item, meeting);
    return item;
  }

  async update(id: string, input: AgendaItemInput): Promise<AgendaItem> {
    return this.db.transaction(async (em) => {
      const item = await em.findOne(AgendaItem, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!item) throw new NotFoundException(`No agenda item ${id}`);
      const meeting = await this.openMeeting(em, item.meetingId);
      if (input.title !== undefined) item.title = input.title;
      if (input.description !== undefined) item.description = input.description;
      if (input.timeBoxMinutes !== undefined) item.timeBoxMinutes = input.timeBoxMinutes;
      if (input.presenter !== undefined) item.presenter = input.presenter;
      await em.save(item);
      await this.search.indexAgendaItem(em, item, meeting);
      return item;
    });
  }

  async remove(id: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const item = await em.findOne(AgendaItem, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!item) throw new NotFoundException(`No agenda item ${id}`);
      await this.openMeeting(em, item.meetingId);
      if (item.kind === 'review')
        throw new ConflictException('The review of open action items stays on every agenda');
      if (await em.exists(ActionItem, { where: { agendaItemId: id } }))
        throw new ConflictException('Action items were raised from this agenda item; it stays on the agenda');
      if (item.proposalId && item.kind === 'proposal') {
        await em.update(
          TopicProposal,
          { id: item.proposalId, agendaItemId: id },
          { status: 'pending', agendaItemId: null, decidedAt: null, decidedById: null },
        );
      }
      await this.search.remove(em, 'agenda_item', id);
      await em.delete(AgendaItem, { parentId: id });
      await em.delete(AgendaItem, { id });
    });
  }

  /** New order of the top-level items: every top-level id exactly once. */
  async reorder(meetingId: string, ids: string[]): Promise<AgendaItem[]> {
    return this.db.transaction(async (em) => {
      await this.openMeeting(em, meetingId);
      const top = await em.find(AgendaItem, { where: { meetingId, parentId: IsNull() } });
      const known = new Set(top.map((t) => t.id));
      const given = new Set(ids);
      if (given.size !== ids.length) throw badField('itemIds', 'each agenda item may appear only once');
      const unknown = ids.filter((id) => !known.has(id));
      if (unknown.length)
        throw badField('itemIds', `not top-level items of this agenda: ${unknown.join(', ')}`);
      const missing = top.filter((t) => !given.has(t.id));
      if (missing.length)
        throw badField(
          'itemIds',
          `every top-level item must be listed; missing: ${missing.map((m) => m.id).join(', ')}`,
        );
      for (const [i, id] of ids.entries()) await em.update(AgendaItem, { id }, { position: i + 1 });
      return this.list(meetingId, em);
    });
  }

  private async openMeeting(em: EntityManager, meetingId: string): Promise<Meeting> {
    const meeting = await em.findOne(Meeting, { where: { id: meetingId } });
    if (!meeting) throw new NotFoundException(`No meeting ${meetingId}`);
    if (meeting.status === 'cancelled') throw new ConflictException('The meeting is cancelled');
    return meeting;
  }
}
