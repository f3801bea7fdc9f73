import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, Meeting } from '@kierto/meetings';
import { badField, Page, Person, SeriesMembership, Unit } from '@kierto/network';
import { addDays, toIsoDate, toLocalParts } from '@kierto/rotation';
import {
  ActionItem,
  ActionItemEvent,
  ActionStatus,
  OPEN_ACTION_STATUSES,
  RaisedByKind,
} from './action-item.entity';
import { AgendaItem } from './agenda-item.entity';
import { MinutesNotices } from './minutes-notices';
import { MinutesSearch } from './minutes-search';

export interface Actor {
  id: string;
  displayName: string;
}

export interface NewActionItem {
  title: string;
  description?: string | null;
  ownerUnitId: string;
  assigneeId?: string | null;
  dueDate?: string | null;
  raisedBy: { kind: RaisedByKind; unitId?: string | null; personId?: string | null };
  notifyRaiser?: boolean;
  forServiceUsers?: boolean;
  publicOutcome?: string | null;
}

export interface ActionItemChange {
  title?: string;
  description?: string | null;
  status?: ActionStatus;
  publicOutcome?: string | null;
  ownerUnitId?: string;
  assigneeId?: string | null;
  dueDate?: string | null;
  comment?: string;
}

export interface ActionItemQuery {
  status?: ActionStatus;
  /** true: open and in progress only. */
  open?: boolean;
  ownerUnitId?: string;
  limit: number;
  offset: number;
}

/** Days before the due date when the owner is reminded. */
export const DUE_NOTICE_DAYS = 7;

/**
 * Action items and their history. Every change is an event; closing (done or dropped) needs the
 * public outcome, the sentence service users read.
 */
@Injectable()
export class ActionItemService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly search: MinutesSearch,
    private readonly notices: MinutesNotices,
    private readonly clock: Clock,
  ) {}

  async create(agendaItemId: string, input: NewActionItem, actor: Actor): Promise<ActionItem> {
    return this.db.transaction(async (em) => {
      const agendaItem = await em.findOne(AgendaItem, { where: { id: agendaItemId } });
      if (!agendaItem) throw new NotFoundException(`No agenda item ${agendaItemId}`);
      const meeting = await em.findOneOrFail(Meeting, { where: { id: agendaItem.meetingId } });
      await this.checkUnit(em, 'ownerUnitId', input.ownerUnitId, meeting.seriesId);
      if (input.assigneeId) await this.checkMember(em, meeting.seriesId, 'assigneeId', input.assigneeId);
      const raisedBy = input.raisedBy;
      if (raisedBy.kind === 'unit') {
        if (!raisedBy.unitId) throw badField('raisedBy.unitId', 'give the unit that raised the item');
        await this.checkUnit(em, 'raisedBy.unitId', raisedBy.unitId);
      }
      if (raisedBy.personId) {
        const person = await this.checkMember(em, meeting.seriesId, 'raisedBy.personId', raisedBy.personId);
        if (raisedBy.kind === 'service_user' && person.kind !== 'service_user')
          throw badField('raisedBy.personId', 'this person is not a service user');
      }
      if (input.notifyRaiser && !raisedBy.personId)
        throw badField('notifyRaiser', 'only a known person can be told; give raisedBy.personId');
      const item = await em.save(
        em.create(ActionItem, {
          seriesId: meeting.seriesId,
          meetingId: meeting.id,
          agendaItemId,
          title: input.title,
          description: input.description ?? null,
          ownerUnitId: input.ownerUnitId,
          assigneeId: input.assigneeId ?? null,
          dueDate: input.dueDate ?? null,
          status: 'open',
          publicOutcome: input.publicOutcome ?? null,
          raisedByKind: raisedBy.kind,
          raisedByUnitId: raisedBy.kind === 'unit' ? (raisedBy.unitId ?? null) : null,
          raisedByPersonId: raisedBy.personId ?? null,
          notifyRaiser: input.notifyRaiser ?? false,
          forServiceUsers: input.forServiceUsers ?? raisedBy.kind === 'service_user',
          closedAt: null,
        }),
      );
      await this.event(em, item.id, 'created', actor, null, item.status, null);
      await this.search.indexActionItem(em, item);
      await this.notices.actionAssigned(em, item);
      return item;
    });
  }

  async update(id: string, change: ActionItemChange, actor: Actor): Promise<ActionItem> {
    return this.db.transaction(async (em) => {
      const item = await em.findOne(ActionItem, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!item) throw new NotFoundException(`No action item ${id}`);
      const before = { ...item };
      if (change.title !== undefined) item.title = change.title;
      if (change.description !== undefined) item.description = change.description;
      if (change.publicOutcome !== undefined) item.publicOutcome = change.publicOutcome?.trim() || null;
      if (change.ownerUnitId !== undefined && change.ownerUnitId !== item.ownerUnitId) {
        await this.checkUnit(em, 'ownerUnitId', change.ownerUnitId, item.seriesId);
        item.ownerUnitId = change.ownerUnitId;
      }
      if (change.assigneeId !== undefined && change.assigneeId !== item.assigneeId) {
        if (change.assigneeId) await this.checkMember(em, item.seriesId, 'assigneeId', change.assigneeId);
        item.assigneeId = change.assigneeId;
      }
      if (change.dueDate !== undefined) item.dueDate = change.dueDate;
      if (change.status !== undefined) item.status = change.status;
      const closing = item.status === 'done' || item.status === 'dropped';
      if (closing && !item.publicOutcome)
        throw badField(
          'publicOutcome',
          'write the outcome in one plain sentence for service users before closing the item',
        );
      item.closedAt = closing ? (before.closedAt ?? this.clock.now()) : null;
      await em.save(item);

      if (before.status !== item.status)
        await this.event(em, id, 'status', actor, before.status, item.status, null);
      if (before.publicOutcome !== item.publicOutcome)
        await this.event(em, id, 'outcome', actor, before.publicOutcome, item.publicOutcome, null);
      if (before.ownerUnitId !== item.ownerUnitId || before.assigneeId !== item.assigneeId)
        await this.event(
          em,
          id,
          'assigned',
          actor,
          [before.ownerUnitId, before.assigneeId].filter(Boolean).join(' / '),
          [item.ownerUnitId, item.assigneeId].filter(Boolean).join(' / '),
          null,
        );
      if (before.dueDate !== item.dueDate)
        await this.event(em, id, 'due-date', actor, before.dueDate, item.dueDate, null);
      if (change.comment?.trim())
        await this.event(em, id, 'comment', actor, null, null, change.comment.trim());

      await this.search.indexActionItem(em, item);
      if (
        before.ownerUnitId !== item.ownerUnitId ||
        (item.assigneeId && before.assigneeId !== item.assigneeId)
      )
        await this.notices.actionAssigned(em, item);
      if (before.status !== item.status || before.publicOutcome !== item.publicOutcome)
        await this.notices.actionUpdated(em, item, before.status);
      return item;
    });
  }

  async comment(id: string, body: string, actor: Actor): Promise<ActionItemEvent> {
    if (!body.trim()) throw badField('body', 'write a comment');
    return this.db.transaction(async (em) => {
      if (!(await em.exists(ActionItem, { where: { id } })))
        throw new NotFoundException(`No action item ${id}`);
      return this.event(em, id, 'comment', actor, null, null, body.trim());
    });
  }

  async get(id: string): Promise<ActionItem> {
    const item = await this.db
      .getRepository(ActionItem)
      .findOne({ where: { id }, relations: { ownerUnit: true, assignee: true } });
    if (!item) throw new NotFoundException(`No action item ${id}`);
    return item;
  }

  async history(id: string): Promise<ActionItemEvent[]> {
    return this.db.getRepository(ActionItemEvent).find({ where: { actionItemId: id }, order: { at: 'ASC' } });
  }

  /** Overdue first (oldest due date first), then by due date, items without one last. */
  async list(
    where: { seriesIds: string[]; ownerUnitId?: string } | { meetingId: string },
    q: ActionItemQuery,
  ): Promise<Page<ActionItem>> {
    const today = this.today();
    const qb = this.db
      .getRepository(ActionItem)
      .createQueryBuilder('a')
      .leftJoinAndSelect('a.ownerUnit', 'u')
      .leftJoinAndSelect('a.assignee', 'p')
      .where(
        'meetingId' in where ? 'a.meeting_id = :meetingId' : 'a.series_id = ANY(:seriesIds)',
        'meetingId' in where ? { meetingId: where.meetingId } : { seriesIds: where.seriesIds },
      )
      .orderBy(
        `CASE WHEN a.status IN ('open','in_progress') AND a.due_date < :today THEN 0 ELSE 1 END`,
        'ASC',
      )
      .addOrderBy('a.due_date', 'ASC', 'NULLS LAST')
      .addOrderBy('a.created_at', 'ASC')
      .setParameter('today', today)
      // offset/limit, not skip/take: the joins are to-one, and skip/take cannot order by expressions.
      .offset(q.offset)
      .limit(q.limit);
    const ownerUnitId = ('ownerUnitId' in where ? where.ownerUnitId : undefined) ?? q.ownerUnitId;
    if (ownerUnitId) qb.andWhere('a.owner_unit_id = :ownerUnitId', { ownerUnitId });
    if (q.status) qb.andWhere('a.status = :status', { status: q.status });
    if (q.open) qb.andWhere('a.status IN (:...open)', { open: OPEN_ACTION_STATUSES });
    const [items, total] = await qb.getManyAndCount();
    return { items, total, limit: q.limit, offset: q.offset };
  }

  today(): string {
    return toIsoDate(toLocalParts(this.clock.now(), 'Europe/Helsinki').date);
  }

  /** `today` from today(): pass it when checking a whole list (it is a time zone conversion). */
  isOverdue(item: ActionItem, today = this.today()): boolean {
    return OPEN_ACTION_STATUSES.includes(item.status) && !!item.dueDate && item.dueDate < today;
  }

  /**
   * Reminds owners of open items due within DUE_NOTICE_DAYS. Idempotent: one notice per item, due
   * date and person, however often and by however many workers it runs.
   */
  async enqueueDueNotices(now = this.clock.now()): Promise<number> {
    const today = toLocalParts(now, 'Europe/Helsinki').date;
    const until = toIsoDate(addDays(today, DUE_NOTICE_DAYS));
    const due = await this.db
      .getRepository(ActionItem)
      .createQueryBuilder('a')
      .where(`a.status IN ('open','in_progress') AND a.due_date IS NOT NULL`)
      .andWhere('a.due_date >= :today AND a.due_date <= :until', { today: toIsoDate(today), until })
      .getMany();
    let n = 0;
    for (const item of due) {
      n += await this.db.transaction((em) => this.notices.actionDue(em, item, toIsoDate(today)));
    }
    return n;
  }

  private async event(
    em: EntityManager,
    actionItemId: string,
    type: ActionItemEvent['type'],
    actor: Actor,
    fromValue: string | null,
    toValue: string | null,
    comment: string | null,
  ): Promise<ActionItemEvent> {
    return em.save(
      em.create(ActionItemEvent, {
        actionItemId,
        type,
        actorId: actor.id,
        actorName: actor.displayName,
        fromValue,
        toValue,
        comment,
        at: this.clock.now(),
      }),
    );
  }

  /**
   * `seriesId`: the unit must be one of that series' units (in its rotation, hosting one of its
   * meetings, or a member's home unit), so an action item cannot send another network's unit its
   * notices; any other unit is refused like an unknown one.
   */
  private async checkUnit(
    em: EntityManager,
    field: string,
    unitId: string,
    seriesId?: string,
  ): Promise<Unit> {
    const unit = await em.findOne(Unit, { where: { id: unitId } });
    if (!unit) throw badField(field, `no unit ${unitId}`);
    if (seriesId) {
      const used: unknown[] = await em.query(
        `SELECT 1 FROM rotation_slot WHERE series_id = $1 AND unit_id = $2
         UNION ALL SELECT 1 FROM meeting WHERE series_id = $1 AND host_unit_id = $2
         UNION ALL SELECT 1 FROM series_membership m JOIN person p ON p.id = m.person_id
                    WHERE m.series_id = $1 AND p.home_unit_id = $2
         LIMIT 1`,
        [seriesId, unitId],
      );
      if (used.length === 0) throw badField(field, `no unit ${unitId}`);
    }
    return unit;
  }

  private async checkMember(
    em: EntityManager,
    seriesId: string,
    field: string,
    personId: string,
  ): Promise<Person> {
    const m = await em.findOne(SeriesMembership, {
      where: { seriesId, personId },
      relations: { person: true },
    });
    if (!m?.person) throw badField(field, `no member ${personId} in this series`);
    return m.person;
  }
}
