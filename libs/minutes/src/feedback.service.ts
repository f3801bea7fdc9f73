import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, MoreThan } from 'typeorm';
import { Clock, Meeting } from '@kierto/meetings';
import { Series, Unit } from '@kierto/network';
import { ActionItem, ActionStatus } from './action-item.entity';

export interface FeedbackItem {
  id: string;
  title: string;
  status: ActionStatus;
  publicOutcome: string | null;
  raisedByServiceUser: boolean;
  /** The date of the meeting where it was raised. */
  raisedOn: string;
  updatedAt: Date;
}

export interface FeedbackView {
  series: Series;
  nextMeeting: { meeting: Meeting; host: Unit } | null;
  items: FeedbackItem[];
}

const ORDER: Record<ActionStatus, number> = { done: 0, in_progress: 1, open: 2, dropped: 3 };
/** Closed items stay on the notice for a year. */
const CLOSED_SHOWN_DAYS = 365;

/**
 * "You said, we did": what happened to the issues raised by or for service users, in their words.
 * Done first, then in progress, then open, then dropped; newest first within each.
 */
@Injectable()
export class FeedbackService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async view(seriesId: string): Promise<FeedbackView> {
    const series = await this.db.getRepository(Series).findOne({ where: { id: seriesId } });
    if (!series) throw new NotFoundException(`No series ${seriesId}`);
    const since = new Date(this.clock.now().getTime() - CLOSED_SHOWN_DAYS * 86_400_000);
    const rows = await this.db
      .getRepository(ActionItem)
      .createQueryBuilder('a')
      .innerJoinAndMapOne('a.meeting', Meeting, 'm', 'm.id = a.meeting_id')
      // Only what the notice shows: descriptions are paragraphs, and a series has hundreds of items.
      .select([
        'a.id',
        'a.title',
        'a.status',
        'a.publicOutcome',
        'a.raisedByKind',
        'a.updatedAt',
        'm.id',
        'm.localDate',
      ])
      .where('a.series_id = :seriesId', { seriesId })
      .andWhere(`(a.for_service_users OR a.raised_by_kind = 'service_user')`)
      .andWhere(`(a.closed_at IS NULL OR a.closed_at >= :since)`, { since })
      .getMany();
    const items = rows
      .map((a) => ({
        id: a.id,
        title: a.title,
        status: a.status,
        publicOutcome: a.publicOutcome,
        raisedByServiceUser: a.raisedByKind === 'service_user',
        raisedOn: (a as ActionItem & { meeting: Meeting }).meeting.localDate,
        updatedAt: a.updatedAt,
      }))
      .sort((x, y) => ORDER[x.status] - ORDER[y.status] || y.updatedAt.getTime() - x.updatedAt.getTime());
    const meeting = await this.db.getRepository(Meeting).findOne({
      where: { seriesId, status: In(['confirmed']), startsAt: MoreThan(this.clock.now()) },
      relations: { hostUnit: true },
      order: { startsAt: 'ASC' },
    });
    const host: Unit | null = meeting?.hostUnit ?? null;
    return { series, nextMeeting: meeting && host ? { meeting, host } : null, items };
  }
}
