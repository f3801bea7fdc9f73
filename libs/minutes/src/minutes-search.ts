import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Meeting } from '@kierto/meetings';
import { Series } from '@kierto/network';
import { SearchIndex, SearchKind } from '@kierto/search';
import { ActionItem } from './action-item.entity';
import { AgendaItem } from './agenda-item.entity';
import { Minutes } from './minutes.entity';

/** Keeps the search index in step with agendas, minutes and action items, in the same transaction. */
@Injectable()
export class MinutesSearch {
  constructor(private readonly index: SearchIndex) {}

  private async language(em: EntityManager, seriesId: string): Promise<'fi' | 'sv' | 'en'> {
    const s = await em.findOne(Series, {
      where: { id: seriesId },
      select: { id: true, defaultLanguage: true },
    });
    return s?.defaultLanguage ?? 'fi';
  }

  async indexAgendaItem(em: EntityManager, item: AgendaItem, meeting: Meeting): Promise<void> {
    if (item.kind === 'review' || item.kind === 'carried-action' || item.kind === 'carried-proposal') return;
    await this.index.upsert(em, {
      seriesId: meeting.seriesId,
      meetingId: meeting.id,
      kind: 'agenda_item',
      refId: item.id,
      title: item.title,
      body: item.description ?? '',
      language: await this.language(em, meeting.seriesId),
    });
  }

  async indexActionItem(em: EntityManager, item: ActionItem): Promise<void> {
    await this.index.upsert(em, {
      seriesId: item.seriesId,
      meetingId: item.meetingId,
      kind: 'action_item',
      refId: item.id,
      title: item.title,
      body: [item.description, item.publicOutcome].filter(Boolean).join('\n\n'),
      language: await this.language(em, item.seriesId),
    });
  }

  /** Only published minutes are searchable; the newest published version of a meeting replaces older ones. */
  async indexPublishedMinutes(
    em: EntityManager,
    minutes: Minutes,
    meeting: Meeting,
    title: string,
  ): Promise<void> {
    const older = await em.find(Minutes, { where: { meetingId: meeting.id, status: 'published' } });
    for (const o of older) if (o.id !== minutes.id) await this.index.remove(em, 'minutes', o.id);
    await this.index.upsert(em, {
      seriesId: meeting.seriesId,
      meetingId: meeting.id,
      kind: 'minutes',
      refId: minutes.id,
      title,
      body: minutes.items
        .map((i) => [i.title, i.notes, i.decisions].filter((x) => x && x.trim()).join('\n'))
        .join('\n\n'),
      language: await this.language(em, meeting.seriesId),
    });
  }

  remove(em: EntityManager, kind: SearchKind, refId: string): Promise<void> {
    return this.index.remove(em, kind, refId);
  }
}
