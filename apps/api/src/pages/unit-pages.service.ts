import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { AccessPolicy, SeriesRole } from '@kierto/access';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, MoreThan, MoreThanOrEqual } from 'typeorm';
import { Clock, Meeting, MeetingService } from '@kierto/meetings';
import { ActionItemService, ActionStatus, Minutes, MinutesService } from '@kierto/minutes';
import { Language, Person, Series, SeriesService, Unit, UnitService } from '@kierto/network';
import { SearchService } from '@kierto/search';
import { MINUTES_TEXTS } from './minutes-texts';
import { commentTime, meetingTime, minutesBody, shortDate } from './unit-minutes-view';
import { UNIT_TEXTS } from './unit-texts';

/** What staff may set from the unit page; "open" is where items start. */
export const UNIT_STATUS_CHOICES: ActionStatus[] = ['in_progress', 'done', 'dropped'];

export interface ActionForm {
  status?: ActionStatus;
  publicOutcome?: string;
  comment: string;
}

/** A refused update, shown again next to the item's fields. */
export interface ActionFormError {
  itemId: string;
  field: string;
  message: string;
  form: ActionForm;
}

/**
 * The staff pages: a unit's page (next hosting turn, open action items with a form each, the minutes
 * archive), search over the series the person may read, and one version of a meeting's minutes. The
 * access rules come from AccessPolicy; whatever the person may not see answers 404.
 */
@Injectable()
export class UnitPagesService {
  constructor(
    private readonly policy: AccessPolicy,
    private readonly units: UnitService,
    private readonly series: SeriesService,
    private readonly meetings: MeetingService,
    private readonly minutes: MinutesService,
    private readonly actions: ActionItemService,
    private readonly search: SearchService,
    private readonly clock: Clock,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /**
   * Who sees a unit's page: its own staff (home unit), and coordinators of a series whose rotation
   * the unit is in. The archive covers the readable series the unit takes part in (all readable
   * series for its own staff).
   */
  private async unitScope(
    person: Person,
    unitId: string,
  ): Promise<{ unit: Unit; readable: string[]; archive: string[] }> {
    const readable = await this.policy.readableSeriesIds(person.id);
    // The readable series whose rotation the unit is in, and whether the person coordinates each: one query.
    const rows: { series_id: string; coordinates: boolean }[] = readable.length
      ? await this.db.query(
          `SELECT r.series_id, EXISTS (SELECT 1 FROM series_coordinator c
                                        WHERE c.series_id = r.series_id AND c.person_id = $2) AS coordinates
             FROM rotation_slot r WHERE r.unit_id = $1 AND r.series_id = ANY($3::uuid[])`,
          [unitId, person.id, readable],
        )
      : [];
    const inRotation = readable.filter((id) => rows.some((r) => r.series_id === id));
    const own = person.homeUnitId === unitId;
    const coordinates = rows.some((r) => r.coordinates);
    if (!own && !coordinates) throw new NotFoundException(`No unit ${unitId}`);
    const unit = await this.units.get(unitId);
    return { unit, readable, archive: own ? readable : inRotation };
  }

  async canSeeUnit(person: Person, unitId: string): Promise<boolean> {
    try {
      await this.unitScope(person, unitId);
      return true;
    } catch (e) {
      if (e instanceof NotFoundException) return false;
      throw e;
    }
  }

  async unitView(person: Person, unitId: string, lang: Language, error: ActionFormError | null = null) {
    const t = UNIT_TEXTS[lang];
    const mt = MINUTES_TEXTS[lang];
    const { unit, readable, archive } = await this.unitScope(person, unitId);
    const seriesById = await this.seriesMap(readable);
    const now = this.clock.now();

    // The unit's next turn in each series: the coming meetings it hosts, in one query.
    const coming = await this.db.getRepository(Meeting).find({
      where: {
        seriesId: In([...seriesById.keys()]),
        hostUnitId: unitId,
        status: In(['draft', 'confirmed']),
        startsAt: MoreThan(now),
        localDate: MoreThanOrEqual(this.actions.today()),
      },
      order: { startsAt: 'ASC', number: 'ASC' },
    });
    const hosting: { seriesName: string; when: string; status: string; statusText: string }[] = [];
    for (const s of seriesById.values()) {
      const next = coming.find((m) => m.seriesId === s.id);
      if (next)
        hosting.push({
          seriesName: s.name,
          when: meetingTime(next, s.timezone, lang),
          status: next.status,
          statusText: t[`meeting_${next.status as 'draft' | 'confirmed'}`],
        });
    }

    const open = await this.actions.list(
      { seriesIds: readable, ownerUnitId: unitId },
      { open: true, limit: 200, offset: 0 },
    );
    const items = open.items.map((a) => {
      const failed = error?.itemId === a.id ? error : null;
      const chosen = failed ? failed.form.status : undefined;
      return {
        id: a.id,
        title: a.title,
        description: a.description ?? '',
        seriesName: seriesById.get(a.seriesId)?.name ?? '',
        due: a.dueDate ? shortDate(a.dueDate, lang) : t.noDue,
        overdue: this.actions.isOverdue(a),
        statusText: mt[`status_${a.status}`],
        currentOutcome: a.publicOutcome ?? '',
        outcome: failed ? (failed.form.publicOutcome ?? '') : (a.publicOutcome ?? ''),
        comment: failed ? failed.form.comment : '',
        outcomeError: failed?.field === 'publicOutcome' ? failed.message : '',
        otherError: failed && failed.field !== 'publicOutcome' ? failed.message : '',
        choices: UNIT_STATUS_CHOICES.map((value) => ({
          value,
          label: mt[`status_${value}`],
          checked: chosen ? chosen === value : a.status === value,
        })),
      };
    });

    // The newest 50 published minutes of each archive series with their hosts: one query.
    const archived: { series_id: string; id: string; number: number; local_date: string; host: string }[] =
      archive.length
        ? await this.db.query(
            `SELECT series_id, id, number, local_date, host FROM (
               SELECT m.series_id, m.id, mt.number, to_char(mt.local_date, 'YYYY-MM-DD') AS local_date,
                      u.name AS host,
                      row_number() OVER (PARTITION BY m.series_id ORDER BY mt.starts_at DESC) AS n
                 FROM minutes m JOIN meeting mt ON mt.id = m.meeting_id JOIN unit u ON u.id = mt.host_unit_id
                WHERE m.series_id = ANY($1::uuid[]) AND m.status = 'published' AND m.superseded_at IS NULL
             ) x WHERE n <= 50 ORDER BY series_id, n`,
            [archive],
          )
        : [];
    const minutesList: { seriesName: string; entries: { href: string; label: string }[] }[] = [];
    for (const seriesId of archive) {
      const s = seriesById.get(seriesId);
      if (!s) continue;
      minutesList.push({
        seriesName: s.name,
        entries: archived
          .filter((e) => e.series_id === seriesId)
          .map((e) => ({
            href: `/series/${seriesId}/minutes/${e.id}`,
            label: `${e.number}. ${mt.meetingNo} · ${shortDate(e.local_date, lang)} · ${e.host}`,
          })),
      });
    }

    return {
      unitName: unit.name,
      streetAddress: unit.streetAddress,
      hosting,
      items,
      error: error ? { href: `#outcome-${error.itemId}`, message: error.message } : null,
      minutesList,
    };
  }

  /** Updates an action item as the person; 404 unless AccessPolicy lets them. */
  async updateAction(person: Person, id: string, form: ActionForm): Promise<{ ownerUnitId: string }> {
    if (!(await this.policy.canUpdateActionItem(person.id, id)))
      throw new NotFoundException(`No action item ${id}`);
    const item = await this.actions.update(
      id,
      {
        ...(form.status ? { status: form.status } : {}),
        ...(form.publicOutcome !== undefined ? { publicOutcome: form.publicOutcome } : {}),
        ...(form.comment ? { comment: form.comment } : {}),
      },
      { id: person.id, displayName: person.displayName },
    );
    return { ownerUnitId: item.ownerUnitId };
  }

  async ownerUnitOf(id: string): Promise<string> {
    return (await this.actions.get(id)).ownerUnitId;
  }

  /** Search over every series the person may read; snippets are HTML with <mark> (escaped already). */
  async searchView(person: Person, query: string, lang: Language) {
    const t = UNIT_TEXTS[lang];
    const readable = await this.policy.readableSeriesIds(person.id);
    const result = query.trim()
      ? await this.search.search({ seriesIds: readable, query, limit: 50 })
      : { items: [], total: 0 };
    const seriesById = await this.seriesMap(readable);
    // The published minutes of the hits' meetings, in one query.
    const meetingIds = [
      ...new Set(result.items.flatMap((h) => (h.kind !== 'minutes' && h.meetingId ? [h.meetingId] : []))),
    ];
    const published = meetingIds.length
      ? await this.db.getRepository(Minutes).find({
          where: { meetingId: In(meetingIds), status: 'published', supersededAt: IsNull() },
          select: { id: true, meetingId: true },
        })
      : [];
    const minutesOfMeeting = new Map(published.map((m) => [m.meetingId, m.id]));
    const hits = [];
    for (const hit of result.items) {
      let href: string | null = null;
      if (hit.kind === 'minutes') href = `/series/${hit.seriesId}/minutes/${hit.refId}`;
      else if (hit.meetingId) {
        const m = minutesOfMeeting.get(hit.meetingId);
        if (m) href = `/series/${hit.seriesId}/minutes/${m}`;
      }
      hits.push({
        title: hit.title,
        href,
        kindText: t[`kind_${hit.kind}`],
        seriesName: seriesById.get(hit.seriesId)?.name ?? '',
        snippet: hit.snippet,
      });
    }
    return { q: query, searched: Boolean(query.trim()), total: result.total, hits };
  }

  /**
   * One version of a meeting's minutes, if the person may read it: coordinators every version, staff
   * every version but a draft. Another series' minutes, or a series the person may not read: 404.
   */
  private async readableMinutes(
    person: Person,
    seriesId: string,
    minutesId: string,
  ): Promise<{ minutes: Minutes; visible: (status: string) => boolean }> {
    const role: SeriesRole | null = await this.policy.roleIn(person.id, seriesId);
    if (!role) throw new NotFoundException(`No minutes ${minutesId}`);
    const visible = (status: string) => role === 'coordinator' || status !== 'draft';
    const minutes = await this.minutes.get(minutesId);
    if (minutes.seriesId !== seriesId || !visible(minutes.status))
      throw new NotFoundException(`No minutes ${minutesId}`);
    return { minutes, visible };
  }

  /**
   * One version of a meeting's minutes. While it is out for comments (circulated), the comments so
   * far and, in `comment`, what the comment form shows again (the text and its error).
   */
  async minutesView(
    person: Person,
    seriesId: string,
    minutesId: string,
    lang: Language,
    comment: { text: string; error: string } = { text: '', error: '' },
  ) {
    const t = UNIT_TEXTS[lang];
    const { minutes, visible } = await this.readableMinutes(person, seriesId, minutesId);
    const series = await this.series.get(seriesId);
    const meeting = await this.meetings.get(minutes.meetingId);
    const host = await this.units.get(meeting.hostUnitId);
    const actions = await this.actions.list({ meetingId: meeting.id }, { limit: 200, offset: 0 });
    const versions = (await this.minutes.versions(meeting.id)).filter((v) => visible(v.status));
    const circulated = minutes.status === 'circulated';
    const comments = circulated ? await this.minutes.comments(minutes.id) : [];
    return {
      seriesName: series.name,
      body: minutesBody({ minutes, meeting, hostName: host.name, actions: actions.items }, lang),
      statusText: t[`minutes_${minutes.status}`],
      published: minutes.status === 'published',
      superseded: Boolean(minutes.supersededAt),
      versions:
        versions.length > 1
          ? versions.map((v) => ({
              href: `/series/${seriesId}/minutes/${v.id}`,
              label: `${MINUTES_TEXTS[lang].version} ${v.version} · ${t[`minutes_${v.status}`]}`,
              current: v.id === minutes.id,
            }))
          : [],
      ownUnitHref: person.homeUnitId ? `/units/${person.homeUnitId}` : null,
      commentsOpen: circulated,
      comments: comments.map((c) => ({
        author: c.authorName,
        when: commentTime(c.createdAt, series.timezone, lang),
        body: c.body,
      })),
      comment,
      commentAction: `/series/${seriesId}/minutes/${minutesId}/comments`,
    };
  }

  /**
   * The series' published minutes, newest first (the guard let only its coordinators and staff in).
   * `meetingNo` is the word after the meeting's number ("3. kokous").
   */
  async archiveView(seriesId: string, lang: Language, meetingNo: string) {
    const series = await this.series.get(seriesId);
    const page = await this.minutes.archive(seriesId, { limit: 200, offset: 0 });
    // The hosts in one query (UnitService.byIds), not one per listed meeting.
    const hosts = await this.units.byIds(page.items.map((e) => e.meeting.hostUnitId));
    return {
      seriesName: series.name,
      entries: page.items.map((e) => ({
        href: `/series/${seriesId}/minutes/${e.minutes.id}`,
        label: `${e.meeting.number}. ${meetingNo} · ${shortDate(e.meeting.localDate, lang)} · ${hosts.get(e.meeting.hostUnitId)?.name ?? ''}`,
      })),
    };
  }

  /**
   * A comment on circulated minutes, as the person; 404 unless they may read the version. The
   * service answers 409 when the version is not out for comments.
   */
  async commentOnMinutes(person: Person, seriesId: string, minutesId: string, body: string): Promise<void> {
    await this.readableMinutes(person, seriesId, minutesId);
    await this.minutes.comment(minutesId, body, { id: person.id, displayName: person.displayName });
  }

  private async seriesMap(ids: string[]): Promise<Map<string, Series>> {
    const found = ids.length ? await this.db.getRepository(Series).find({ where: { id: In(ids) } }) : [];
    return new Map(found.sort((a, b) => a.name.localeCompare(b.name)).map((s) => [s.id, s]));
  }

  /** The 400 of ActionItemService as a field and a reason (field "status" when it names none). */
  static fieldError(e: unknown): { field: string; reason: string } | null {
    if (!(e instanceof BadRequestException)) return null;
    const body = e.getResponse() as { errors?: { field: string; reasons: string[] }[] };
    const first = body?.errors?.[0];
    return first
      ? { field: first.field, reason: first.reasons[0] ?? '' }
      : { field: 'status', reason: e.message };
  }
}
