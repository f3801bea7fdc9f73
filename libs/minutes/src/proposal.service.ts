import { ConflictException, HttpException, HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager, In, MoreThan } from 'typeorm';
import { Clock, Meeting } from '@kierto/meetings';
import { badField, Page, Series, SeriesMembership } from '@kierto/network';
import { AgendaItem } from './agenda-item.entity';
import { AgendaService } from './agenda.service';
import { MinutesNotices } from './minutes-notices';
import { ProposalStatus, TopicProposal } from './topic-proposal.entity';

/** Anonymous proposals per series and hour: enough for a waiting room, too few for a flood. */
export const ANONYMOUS_PROPOSALS_PER_HOUR = 20;

export interface NewProposal {
  title: string;
  description?: string | null;
  proposerId?: string | null;
  notifyProposer?: boolean;
}

/**
 * Topic proposals for coming meetings: by members (recorded by the coordinator) or anonymously through
 * the series' public proposal link. The coordinator accepts one onto an agenda, merges it into an
 * item, or declines it with a reason; a known proposer who asked is told.
 */
@Injectable()
export class ProposalService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly agenda: AgendaService,
    private readonly notices: MinutesNotices,
    private readonly clock: Clock,
  ) {}

  async create(seriesId: string, input: NewProposal): Promise<TopicProposal> {
    return this.db.transaction(async (em) => {
      if (input.proposerId) {
        const member = await em.exists(SeriesMembership, { where: { seriesId, personId: input.proposerId } });
        if (!member) throw badField('proposerId', `no member ${input.proposerId} in this series`);
      }
      const proposal = await em.save(
        em.create(TopicProposal, {
          seriesId,
          title: input.title,
          description: input.description ?? null,
          anonymous: !input.proposerId,
          proposerId: input.proposerId ?? null,
          notifyProposer: input.proposerId ? (input.notifyProposer ?? true) : false,
          status: 'pending',
        }),
      );
      await this.carryToUpcoming(em, seriesId);
      return proposal;
    });
  }

  /**
   * A proposal through the public link: nothing about the sender is kept. Limited per series and hour
   * (the count comes from the proposals themselves, so nothing else is stored).
   */
  async createAnonymous(
    proposalKey: string,
    title: string,
    description: string | null,
  ): Promise<TopicProposal> {
    const series = await this.seriesByKey(proposalKey);
    return this.db.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`proposal:${series.id}`]);
      const recent = await em.count(TopicProposal, {
        where: {
          seriesId: series.id,
          anonymous: true,
          createdAt: MoreThan(new Date(this.clock.now().getTime() - 3_600_000)),
        },
      });
      if (recent >= ANONYMOUS_PROPOSALS_PER_HOUR) {
        throw new HttpException(
          {
            statusCode: 429,
            error: 'Too Many Requests',
            message: ['Too many proposals this hour. Try again later.'],
          },
          HttpStatus.TOO_MANY_REQUESTS,
        );
      }
      const proposal = await em.save(
        em.create(TopicProposal, {
          seriesId: series.id,
          title,
          description,
          anonymous: true,
          proposerId: null,
          notifyProposer: false,
          status: 'pending',
        }),
      );
      await this.carryToUpcoming(em, series.id);
      return proposal;
    });
  }

  async seriesByKey(proposalKey: string): Promise<Series> {
    const series = /^[\w-]{16,64}$/.test(proposalKey)
      ? await this.db.getRepository(Series).findOne({ where: { proposalKey } })
      : null;
    if (!series) throw new NotFoundException('This link is not valid. Ask the coordinator for a new one.');
    return series;
  }

  /** Gives the series a new public link key; the old links stop working. */
  async rotateKey(seriesId: string): Promise<Series> {
    const key = randomBytes(18).toString('base64url');
    await this.db.getRepository(Series).update({ id: seriesId }, { proposalKey: key });
    return this.db.getRepository(Series).findOneByOrFail({ id: seriesId });
  }

  /** The series' key (every series has one from its creation). */
  async keyOf(seriesId: string): Promise<string> {
    return (await this.db.getRepository(Series).findOneByOrFail({ id: seriesId })).proposalKey;
  }

  async get(id: string): Promise<TopicProposal> {
    const p = await this.db.getRepository(TopicProposal).findOne({ where: { id } });
    if (!p) throw new NotFoundException(`No proposal ${id}`);
    return p;
  }

  async list(
    seriesId: string,
    q: { status?: ProposalStatus; limit: number; offset: number },
  ): Promise<Page<TopicProposal>> {
    const [items, total] = await this.db.getRepository(TopicProposal).findAndCount({
      where: { seriesId, ...(q.status ? { status: q.status } : {}) },
      order: { createdAt: 'DESC' },
      take: q.limit,
      skip: q.offset,
    });
    return { items, total, limit: q.limit, offset: q.offset };
  }

  /** Accepts onto the given meeting's agenda, or the next meeting's when none is given. */
  async accept(id: string, meetingId: string | undefined, actorId: string): Promise<TopicProposal> {
    return this.db.transaction(async (em) => {
      const p = await this.lockPending(em, id);
      let meeting: Meeting | null;
      if (meetingId) {
        meeting = await em.findOne(Meeting, { where: { id: meetingId, seriesId: p.seriesId } });
        if (!meeting) throw badField('meetingId', `no meeting ${meetingId} in this series`);
        if (meeting.status === 'cancelled') throw badField('meetingId', 'the meeting is cancelled');
      } else {
        meeting = await this.upcoming(em, p.seriesId);
        if (!meeting)
          throw new ConflictException(
            'No coming meeting to put the proposal on; propose the next meeting first',
          );
      }
      const item = await this.agenda.addProposal(em, meeting, p);
      await em.delete(AgendaItem, { meetingId: meeting.id, proposalId: p.id, kind: 'carried-proposal' });
      return this.decide(em, p, 'accepted', null, item.id, actorId, meeting);
    });
  }

  async merge(id: string, agendaItemId: string, actorId: string): Promise<TopicProposal> {
    return this.db.transaction(async (em) => {
      const p = await this.lockPending(em, id);
      const item = await em.findOne(AgendaItem, { where: { id: agendaItemId } });
      const meeting = item ? await em.findOne(Meeting, { where: { id: item.meetingId } }) : null;
      if (!item || !meeting || meeting.seriesId !== p.seriesId)
        throw badField('agendaItemId', `no agenda item ${agendaItemId} in this series`);
      if (item.kind === 'carried-action' || item.kind === 'carried-proposal' || item.kind === 'review')
        throw badField('agendaItemId', 'merge into a topic of the agenda, not into the review list');
      const line = `+ ${p.title}${p.description ? `: ${p.description}` : ''}`;
      item.description = item.description ? `${item.description}\n${line}` : line;
      await em.save(item);
      await em.delete(AgendaItem, { meetingId: meeting.id, proposalId: p.id, kind: 'carried-proposal' });
      return this.decide(em, p, 'merged', null, item.id, actorId, meeting);
    });
  }

  async decline(id: string, reason: string, actorId: string): Promise<TopicProposal> {
    return this.db.transaction(async (em) => {
      const p = await this.lockPending(em, id);
      return this.decide(em, p, 'declined', reason, null, actorId, null);
    });
  }

  private async decide(
    em: EntityManager,
    p: TopicProposal,
    status: ProposalStatus,
    reason: string | null,
    agendaItemId: string | null,
    actorId: string,
    meeting: Meeting | null,
  ): Promise<TopicProposal> {
    p.status = status;
    p.decisionReason = reason;
    p.agendaItemId = agendaItemId;
    p.decidedAt = this.clock.now();
    p.decidedById = actorId;
    await em.save(p);
    // Lists of coming meetings no longer show it as waiting.
    await em.query(
      `DELETE FROM agenda_item a USING meeting m
        WHERE a.meeting_id = m.id AND a.proposal_id = $1 AND a.kind = 'carried-proposal' AND m.starts_at > $2`,
      [p.id, this.clock.now()],
    );
    await this.notices.proposalDecided(em, p, meeting);
    return p;
  }

  private async lockPending(em: EntityManager, id: string): Promise<TopicProposal> {
    const p = await em.findOne(TopicProposal, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!p) throw new NotFoundException(`No proposal ${id}`);
    if (p.status !== 'pending') throw new ConflictException(`The proposal is ${p.status} already`);
    return p;
  }

  /** The next meeting that has not started (draft or confirmed). */
  async upcoming(em: EntityManager, seriesId: string): Promise<Meeting | null> {
    return em.findOne(Meeting, {
      where: { seriesId, status: In(['draft', 'confirmed']), startsAt: MoreThan(this.clock.now()) },
      order: { startsAt: 'ASC' },
    });
  }

  /** A new proposal shows at once on the coming meeting's review list. */
  private async carryToUpcoming(em: EntityManager, seriesId: string): Promise<void> {
    const meeting = await this.upcoming(em, seriesId);
    if (meeting) await this.agenda.carryOver(em, meeting);
  }
}
