import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Meeting } from '@kierto/meetings';
import { Series } from '@kierto/network';
import { OutboxService } from './outbox.service';

const DAY = 86_400_000;

/**
 * Reminders for confirmed meetings, per the series' reminder days (default 7 and 1). Only the nearest
 * due reminder is sent (a worker that was down does not send the 7-day and the 1-day one together);
 * the outbox idempotency key makes each reminder go out once, whatever the number of workers.
 */
@Injectable()
export class ReminderService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  async enqueueDue(now = new Date()): Promise<number> {
    // Only meetings whose earliest reminder window has opened (the longest reminderDays of any series
    // ahead), through the partial index on confirmed meetings' start: not every future meeting each tick.
    const meetings = (await this.db
      .getRepository(Meeting)
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.series', 's')
      .where(`m.status = 'confirmed' AND m.starts_at > :now`, { now })
      .andWhere(
        `m.starts_at <= CAST(:now AS timestamptz) + make_interval(days => (SELECT coalesce(max(d), 0)::int
                                                     FROM series, unnest(series.reminder_days) d))`,
      )
      .getMany()) as (Meeting & { series: Series })[];
    let n = 0;
    for (const meeting of meetings) {
      const { series } = meeting;
      const due = [...series.reminderDays]
        .sort((a, b) => a - b)
        .find((d) => now.getTime() >= meeting.startsAt.getTime() - d * DAY);
      if (due === undefined) continue;
      // Confirmed fewer than `due` days ahead: the invitation itself is the reminder.
      if (meeting.confirmedAt && meeting.confirmedAt.getTime() >= meeting.startsAt.getTime() - due * DAY)
        continue;
      n += await this.db.transaction((em) => this.outbox.enqueueReminders(em, meeting, due));
    }
    return n;
  }
}
