import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { resolveToken } from '@kierto/mail';
import { Meeting } from '@kierto/meetings';
import { Language, Series, SeriesMembership, Unit } from '@kierto/network';
import { ActionItem } from './action-item.entity';
import { Minutes } from './minutes.entity';

export interface MinutesReaderView {
  seriesName: string;
  language: Language;
  list: { minutesId: string; number: number; localDate: string; hostName: string }[];
  selected: { minutes: Minutes; meeting: Meeting; hostName: string; actions: ActionItem[] } | null;
}

/**
 * Published minutes read through a member's personal link (from the "minutes published" email): the
 * link opens the published minutes of that member's series and nothing else, and stops working when
 * the person leaves the series.
 */
@Injectable()
export class MinutesReader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async read(token: string, selectedId: string | null): Promise<MinutesReaderView> {
    const em = this.db.manager;
    const access = await resolveToken(em, 'minutes', token);
    const member =
      access?.seriesId &&
      (await em.findOne(SeriesMembership, {
        where: { seriesId: access.seriesId, personId: access.subjectId, active: true },
        relations: { person: true },
      }));
    if (!access?.seriesId || !member)
      throw new NotFoundException('This link does not work. Ask the coordinator for a new one.');
    const series = await em.findOneOrFail(Series, { where: { id: access.seriesId } });
    const rows = await em
      .getRepository(Minutes)
      .createQueryBuilder('m')
      .innerJoinAndMapOne('m.meeting', Meeting, 'mt', 'mt.id = m.meeting_id')
      .where(`m.series_id = :id AND m.status = 'published'`, { id: series.id })
      .orderBy('mt.starts_at', 'DESC')
      .addOrderBy('m.version', 'DESC')
      .getMany();
    const units = new Map((await em.find(Unit, {})).map((u) => [u.id, u.name]));
    const withMeeting = rows.map((m) => ({
      minutes: m,
      meeting: (m as Minutes & { meeting: Meeting }).meeting,
    }));
    const current = withMeeting.filter((r) => !r.minutes.supersededAt);
    const chosen = (selectedId && withMeeting.find((r) => r.minutes.id === selectedId)) || current[0] || null;
    return {
      seriesName: series.name,
      language: member.person?.preferredLanguage ?? series.defaultLanguage,
      list: current.map((r) => ({
        minutesId: r.minutes.id,
        number: r.meeting.number,
        localDate: r.meeting.localDate,
        hostName: units.get(r.meeting.hostUnitId) ?? '',
      })),
      selected: chosen
        ? {
            ...chosen,
            hostName: units.get(chosen.meeting.hostUnitId) ?? '',
            actions: await em.find(ActionItem, {
              where: { meetingId: chosen.meeting.id },
              relations: { ownerUnit: true },
              order: { createdAt: 'ASC' },
            }),
          }
        : null,
    };
  }
}
