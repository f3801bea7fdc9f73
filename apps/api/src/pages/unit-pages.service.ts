import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { AccessPolicy, SeriesRole } from '@kierto/access';
import { Clock, Meeting, MeetingQuery, MeetingService, RotationService } from '@kierto/meetings';
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
    private readonly rotation: RotationService,
    private readonly meetings: MeetingService,
    private readonly minutes: MinutesService,
    private readonly actions: ActionItemService,
    private readonly search: SearchService,
    private readonly clock: Clock,
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
    const inRotation: string[] = [];
    for (const seriesId of readable) {
      const slots = await this.rotation.slots(seriesId);
      if (slots.some((s) => s.unitId === unitId)) inRotation.push(seriesId);
    }
    const own = person.homeUnitId === unitId;
    let coordinates = false;
    for (const seriesId of inRotation) {
      if ((await this.policy.roleIn(person.id, seriesId)) === 'coordinator') coordinates = true;
    }
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

    const hosting: { seriesName: string; when: string; status: string; statusText: string }[] = [];
    for (const s of seriesById.values()) {
      const page = await this.meetings.list(s.id, {
        hostUnitId: unitId,
        from: this.actions.today(),
        limit: 20,
        offset: 0,
      } as MeetingQuery);
      const next = page.items.find((m: Meeting) => m.status !== 'cancelled' && m.startsAt > now);
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

    const minutesList: { seriesName: string; entries: { href: string; label: string }[] }[] = [];
    for (const seriesId of archive) {
      const s = seriesById.get(seriesId);
      if (!s) continue;
      const page = await this.minutes.archive(seriesId, { limit: 50, offset: 0 });
      const hosts = await this.hostNames(page.items.map((e) => e.meeting.hostUnitId));
      minutesList.push({
        seriesName: s.name,
        entries: page.items.map((e) => ({
          href: `/series/${seriesId}/minutes/${e.minutes.id}`,
          label: `${e.meeting.number}. ${mt.meetingNo} · ${shortDate(e.meeting.localDate, lang)} · ${hosts.get(e.meeting.hostUnitId) ?? ''}`,
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
    const minutesOfMeeting = new Map<string, string | null>();
    const hits = [];
    for (const hit of result.items) {
      let href: string | null = null;
      if (hit.kind === 'minutes') href = `/series/${hit.seriesId}/minutes/${hit.refId}`;
      else if (hit.meetingId) {
        if (!minutesOfMeeting.has(hit.meetingId)) {
          const published = (await this.minutes.versions(hit.meetingId)).find(
            (v) => v.status === 'published' && !v.supersededAt,
          );
          minutesOfMeeting.set(hit.meetingId, published?.id ?? null);
        }
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
    const hosts = await this.hostNames(page.items.map((e) => e.meeting.hostUnitId));
    return {
      seriesName: series.name,
      entries: page.items.map((e) => ({
        href: `/series/${seriesId}/minutes/${e.minutes.id}`,
        label: `${e.meeting.number}. ${meetingNo} · ${shortDate(e.meeting.localDate, lang)} · ${hosts.get(e.meeting.hostUnitId) ?? ''}`,
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
    const out = new Map<string, Series>();
    for (const id of ids) out.set(id, await this.series.get(id));
    return new Map([...out.entries()].sort((a, b) => a[1].name.localeCompare(b[1].name)));
  }

  private async hostNames(unitIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const id of new Set(unitIds)) out.set(id, (await this.units.get(id)).name);
    return out;
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
