import { AccessPolicy } from '@kierto/access';
import { DeliveryService } from '@kierto/mail';
import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DateTime } from 'luxon';
import { MeetingService, moveFacts, UpdateMeetingDto } from '@kierto/meetings';
import { explainMove } from '@kierto/rotation';
import { badField, Language, Person, PersonService, SeriesService, UnitService } from '@kierto/network';
import {
  ActionItemService,
  AgendaItem,
  AgendaService,
  AttendanceDto,
  CorrectMinutesDto,
  CreateActionItemDto,
  CreateAgendaItemDto,
  Minutes,
  MinutesService,
  OPEN_ACTION_STATUSES,
  PRIVACY_CHECKLIST,
  ProposalService,
  SaveMinutesDto,
  UpdateActionItemDto,
  UpdateAgendaItemDto,
} from '@kierto/minutes';
import {
  actionItemInput,
  agendaItemInput,
  attendanceInput,
  FormBody,
  itemKey,
  minutesItemsInput,
  moved,
  moveMeetingInput,
  text,
  validated,
  values,
} from './meeting-forms';
import { fill, MeetingTexts } from './meeting-texts';
import { DATE_LOCALES } from './web-texts';

/** What the page shows besides the stored state: a message after a change, or a form's errors and input. */
export interface MeetingPageState {
  done?: string | null;
  /** The form that was posted: 'cancel', 'agenda-new', 'agenda-<id>', 'attendance', 'minutes', 'correction', 'action-new', 'action-<id>'. */
  form?: string;
  /** Messages per form field ('' = the form as a whole). */
  errors?: Record<string, string>;
  input?: FormBody;
}

type MinutesStep = 'save' | 'circulate' | 'approve' | 'approve-next';

const DATE_FORMAT: Record<Language, string> = {
  fi: 'cccc d.M.yyyy',
  sv: 'cccc d.M.yyyy',
  en: 'cccc d LLLL yyyy',
};
const TIME_FORMAT: Record<Language, string> = { fi: 'H.mm', sv: 'H.mm', en: 'HH:mm' };
const isOpen = (m: Minutes | undefined) => !!m && (m.status === 'draft' || m.status === 'circulated');

/**
 * The coordinator's page of one meeting: what it shows (built from the domain services) and the
 * changes its forms make (each one a call to the service that owns the rule).
 */
@Injectable()
export class MeetingPageService {
  constructor(
    private readonly meetings: MeetingService,
    private readonly agenda: AgendaService,
    private readonly minutes: MinutesService,
    private readonly actions: ActionItemService,
    private readonly series: SeriesService,
    private readonly units: UnitService,
    private readonly people: PersonService,
    private readonly proposals: ProposalService,
    private readonly policy: AccessPolicy,
    private readonly delivery: DeliveryService,
  ) {}

  // ---- changes ----

  async cancel(meetingId: string, body: FormBody): Promise<string> {
    if (!values(body, 'sure').includes('yes')) throw badField('sure', 'tick the box to cancel the meeting');
    await this.meetings.cancel(meetingId, text(body, 'reason').slice(0, 1000) || undefined);
    return 'cancelled';
  }

  /** Moves the meeting in time or to another host; MeetingService re-invites for a confirmed one. */
  async move(meetingId: string, body: FormBody, me: Person): Promise<string> {
    const before = await this.meetings.get(meetingId);
    const after = await this.meetings.update(
      meetingId,
      validated(UpdateMeetingDto, moveMeetingInput(body)),
      // The page offers the series' units only; a posted unit of another network is refused the same way.
      await this.pickableUnits(before.seriesId, me.id),
    );
    const changed =
      after.startsAt.getTime() !== before.startsAt.getTime() ||
      after.endsAt.getTime() !== before.endsAt.getTime() ||
      after.hostUnitId !== before.hostUnitId;
    if (!changed) return 'move-unchanged';
    return after.status === 'confirmed' ? 'moved-invited' : 'moved';
  }

  /**
   * The meeting whose page the merge form was on: it must be of the proposal's series (the guard
   * checked the caller coordinates that series), so its page may be shown again with an error.
   */
  async mergeTarget(proposalId: string, body: FormBody): Promise<string> {
    const meetingId = text(body, 'meeting');
    if (!isUUID(meetingId)) throw new BadRequestException('The form names no meeting');
    const [proposal, meeting] = await Promise.all([
      this.proposals.get(proposalId),
      this.meetings.get(meetingId),
    ]);
    if (meeting.seriesId !== proposal.seriesId) throw new NotFoundException(`No meeting ${meetingId}`);
    return meeting.id;
  }

  /** Merges a waiting proposal into one of this meeting's topics (ProposalService owns the rule). */
  async mergeProposal(meetingId: string, proposalId: string, body: FormBody, actor: Person): Promise<string> {
    const agendaItemId = text(body, 'agendaItem');
    const topics = mergeableTopics(await this.agenda.list(meetingId));
    if (!topics.some((i) => i.id === agendaItemId))
      throw badField('agendaItem', 'choose a topic of this meeting');
    await this.proposals.merge(proposalId, agendaItemId, actor.id);
    return 'proposal-merged';
  }

  async addAgendaItem(meetingId: string, body: FormBody): Promise<string> {
    const input = validated(CreateAgendaItemDto, agendaItemInput(body));
    await this.agenda.add(meetingId, input);
    return 'agenda-added';
  }

  async updateAgendaItem(meetingId: string, itemId: string, body: FormBody): Promise<string> {
    await this.agendaItemOf(meetingId, itemId);
    const input = validated(UpdateAgendaItemDto, agendaItemInput(body));
    await this.agenda.update(itemId, input);
    return 'agenda-saved';
  }

  async removeAgendaItem(meetingId: string, itemId: string): Promise<string> {
    await this.agendaItemOf(meetingId, itemId);
    await this.agenda.remove(itemId);
    return 'agenda-removed';
  }

  async moveAgendaItem(meetingId: string, itemId: string, body: FormBody): Promise<string> {
    const item = await this.agendaItemOf(meetingId, itemId);
    if (item.parentId) throw new ConflictException('Items under the review item keep their order');
    const top = (await this.agenda.list(meetingId)).filter((i) => !i.parentId).map((i) => i.id);
    await this.agenda.reorder(
      meetingId,
      moved(top, itemId, text(body, 'direction') === 'up' ? 'up' : 'down'),
    );
    return 'agenda-moved';
  }

  async saveAttendance(meetingId: string, body: FormBody): Promise<string> {
    const attendance = validated(AttendanceDto, attendanceInput(body));
    await this.minutes.saveDraft(meetingId, { attendance });
    return 'attendance-saved';
  }

  /** Saves the open version (the first draft is made from the agenda), then takes the chosen step. */
  async saveMinutes(meetingId: string, body: FormBody, actor: Person): Promise<string> {
    const step =
      (['circulate', 'approve', 'approve-next'] as MinutesStep[]).find((s) => s === body.step) ?? 'save';
    const [latest] = await this.minutes.versions(meetingId);
    const base = isOpen(latest) ? latest.items : await this.itemsFromAgenda(meetingId);
    const input = validated(SaveMinutesDto, {
      items: minutesItemsInput(base, body),
      privacyChecked: values(body, 'privacy'),
    });
    const { minutes } = await this.minutes.saveDraft(meetingId, input);
    if (step === 'circulate') await this.minutes.circulate(minutes.id);
    if (step === 'approve') await this.minutes.approve(minutes.id, 'coordinator', actor);
    if (step === 'approve-next') await this.minutes.approve(minutes.id, 'next-meeting', actor);
    return {
      save: 'minutes-saved',
      circulate: 'circulated',
      approve: 'approved',
      'approve-next': 'approved',
    }[step];
  }

  async publishMinutes(meetingId: string): Promise<string> {
    const [latest] = await this.minutes.versions(meetingId);
    if (!latest) throw new ConflictException('No minutes to publish');
    await this.minutes.publish(latest.id);
    return 'published';
  }

  async correctMinutes(meetingId: string, body: FormBody): Promise<string> {
    const { note } = validated(CorrectMinutesDto, { note: text(body, 'note') });
    const [latest] = await this.minutes.versions(meetingId);
    if (!latest) throw new ConflictException('No minutes to correct');
    await this.minutes.correct(latest.id, note, {});
    return 'corrected';
  }

  async addActionItem(meetingId: string, body: FormBody, actor: Person): Promise<string> {
    const agendaItemId = text(body, 'agendaItem');
    const agenda = await this.agenda.list(meetingId);
    if (!agenda.some((a) => a.id === agendaItemId))
      throw badField('agendaItem', 'choose an agenda item of this meeting');
    const input = validated(CreateActionItemDto, actionItemInput(body));
    await this.actions.create(agendaItemId, input, actor);
    return 'action-added';
  }

  async updateActionItem(
    meetingId: string,
    actionItemId: string,
    body: FormBody,
    actor: Person,
  ): Promise<string> {
    const item = await this.actions.get(actionItemId);
    if (item.meetingId !== meetingId) throw new NotFoundException(`No action item ${actionItemId}`);
    const change = validated(UpdateActionItemDto, {
      status: text(body, 'status'),
      publicOutcome: text(body, 'outcome') || null,
    });
    await this.actions.update(actionItemId, change, actor);
    return 'action-saved';
  }

  private async agendaItemOf(meetingId: string, itemId: string): Promise<AgendaItem> {
    const item = await this.agenda.get(itemId);
    // An id of another meeting (or series) is simply not found here.
    if (item.meetingId !== meetingId) throw new NotFoundException(`No agenda item ${itemId}`);
    return item;
  }

  private async itemsFromAgenda(meetingId: string) {
    return (await this.agenda.list(meetingId)).map((i) => ({
      agendaItemId: i.id as string | null,
      title: i.title,
      notes: '',
      decisions: '',
    }));
  }

  // ---- the page ----

  /** Units the meeting's forms offer: the series' own that the coordinator may pick (AccessPolicy). */
  private async pickableUnits(seriesId: string, viewerId: string): Promise<string[]> {
    const [ofSeries, visible] = await Promise.all([
      this.policy.seriesUnitIds(seriesId),
      this.policy.visibleUnitIds(viewerId),
    ]);
    const mine = new Set(visible);
    return ofSeries.filter((id) => mine.has(id));
  }

  /** `viewerId`: the coordinator; the units offered (host, owner unit) are the series' own (pickableUnits). */
  async view(
    meetingId: string,
    viewerId: string,
    t: MeetingTexts,
    lang: Language,
    state: MeetingPageState = {},
  ) {
    const meeting = await this.meetings.get(meetingId);
    const pickable = await this.pickableUnits(meeting.seriesId, viewerId);
    const [series, host, agenda, versions, actionPage, unitPage, memberPage, pending] = await Promise.all([
      this.series.get(meeting.seriesId),
      this.units.get(meeting.hostUnitId),
      this.agenda.list(meetingId),
      this.minutes.versions(meetingId),
      this.actions.list({ meetingId }, { limit: 200, offset: 0 }),
      this.units.list({ limit: 200, offset: 0, active: true, ids: pickable }),
      this.people.members(meeting.seriesId, { limit: 200, offset: 0, active: true }),
      this.proposals.list(meeting.seriesId, { status: 'pending', limit: 50, offset: 0 }),
    ]);
    const local = (d: Date) =>
      DateTime.fromJSDate(d, { zone: series.timezone }).setLocale(DATE_LOCALES[lang]);
    const day = (iso: string) => DateTime.fromISO(iso).setLocale(DATE_LOCALES[lang]).toFormat('d.M.yyyy');
    const form = <T extends object>(id: string, stored: T) => {
      const mine = state.form === id;
      const errors = mine ? (state.errors ?? {}) : {};
      return {
        id,
        v: (mine && state.input ? { ...stored, ...inputValues(state.input) } : stored) as T &
          Record<string, unknown>,
        e: errors,
        general: errors[''] ?? '',
        invalid: Object.keys(errors).length > 0,
      };
    };
    const cancelled = meeting.status === 'cancelled';
    const confirmed = meeting.status === 'confirmed';
    const members = memberPage.items.map((m) => m.person);
    const unitName = new Map(unitPage.items.map((u) => [u.id, u.name]));

    // Agenda: top-level items, each with what sits under it (carried items, read only).
    const top = agenda.filter((i) => !i.parentId);
    const agendaItems = top.map((item, i) => ({
      id: item.id,
      title: item.title,
      kindText: t[`kind_${item.kind}` as keyof MeetingTexts] ?? '',
      description: item.description ?? '',
      timeBox: item.timeBoxMinutes,
      presenter: item.presenter ?? '',
      editable: !cancelled,
      removable: !cancelled && item.kind !== 'review',
      canUp: !cancelled && i > 0,
      canDown: !cancelled && i < top.length - 1,
      form: form(`agenda-${item.id}`, {
        title: item.title,
        description: item.description ?? '',
        timeBox: item.timeBoxMinutes ?? '',
        presenter: item.presenter ?? '',
      }),
      open: state.form === `agenda-${item.id}` && !!state.errors,
      children: agenda
        .filter((c) => c.parentId === item.id)
        .map((c) => ({
          title: c.title,
          kindText: c.kind === 'carried-action' ? t.carried_action : t.carried_proposal,
          description: c.description ?? '',
        })),
    }));

    // Minutes: the open version is edited; approved and published ones are read.
    const latest: Minutes | undefined = versions[0];
    const editable = confirmed && (!latest || isOpen(latest));
    const baseItems = latest
      ? latest.items
      : agenda.map((i) => ({ agendaItemId: i.id, title: i.title, notes: '', decisions: '' }));
    const warnings = latest && isOpen(latest) ? await this.minutes.warnings(latest) : [];
    // The comments on the newest version, read here before approving it.
    const comments = latest ? await this.minutes.comments(latest.id) : [];
    const posted = state.form === 'minutes' && state.input ? state.input : null;
    const minutesItems = baseItems.map((item, n) => {
      const key = itemKey(item, n);
      const own = warnings
        .filter((w) => w.item === n)
        .map((w) =>
          w.blocking
            ? `“${w.match}” ${t['block_identity-code']}`
            : `“${w.match}” ${t[`warn_${w.reason}` as keyof MeetingTexts]}`,
        );
      return {
        key,
        title: item.title,
        notes: posted ? text(posted, `notes-${key}`) : item.notes,
        decisions: posted ? text(posted, `decisions-${key}`) : item.decisions,
        warnings: own,
      };
    });
    const checkedKeys = posted ? values(posted, 'privacy') : (latest?.privacyChecked ?? []);
    const minutesForm = form('minutes', {});
    const published = versions.find((v) => v.status === 'published' && !v.supersededAt);
    const readable = latest && !isOpen(latest) ? latest : published;
    const attendance = latest?.attendance;

    // Attendance: service users not named are kept only as a number, so only named ones show checked.
    const presentIds = new Set([
      ...(attendance?.staff.map((s) => s.personId) ?? []),
      ...(attendance?.guests.map((s) => s.personId) ?? []),
      ...(attendance?.namedServiceUsers.map((s) => s.personId) ?? []),
    ]);
    const namedIds = new Set(attendance?.namedServiceUsers.map((s) => s.personId) ?? []);
    const postedAttendance = state.form === 'attendance' && state.input ? state.input : null;
    const isPresent = (id: string) =>
      postedAttendance ? values(postedAttendance, 'present').includes(id) : presentIds.has(id);
    const isNamed = (id: string) =>
      postedAttendance ? values(postedAttendance, 'named').includes(id) : namedIds.has(id);
    const person = (p: Person) => ({
      id: p.id,
      name: p.displayName,
      unit: p.homeUnitId ? (unitName.get(p.homeUnitId) ?? '') : '',
      present: isPresent(p.id),
      named: isNamed(p.id),
    });

    const actionItems = actionPage.items.map((a) => ({
      id: a.id,
      title: a.title,
      owner: a.ownerUnit?.name ?? '',
      assignee: a.assignee?.displayName ?? '',
      due: a.dueDate ? day(a.dueDate) : '',
      overdue: this.actions.isOverdue(a),
      status: a.status,
      statusText: t[`astatus_${a.status}` as keyof MeetingTexts],
      publicOutcome: a.publicOutcome ?? '',
      open: OPEN_ACTION_STATUSES.includes(a.status),
      form: form(`action-${a.id}`, { status: a.status, outcome: a.publicOutcome ?? '' }),
      statuses: (['open', 'in_progress', 'done', 'dropped'] as const).map((s) => ({
        value: s,
        label: t[`astatus_${s}`],
        selected:
          (state.form === `action-${a.id}` && state.input ? text(state.input, 'status') : a.status) === s,
      })),
    }));
    const actionForm = form('action-new', {
      agendaItem: top.find((i) => i.kind !== 'review')?.id ?? '',
      title: '',
      description: '',
      owner: meeting.hostUnitId,
      assignee: '',
      due: '',
      raisedBy: 'meeting',
      raisedByUnit: '',
      raisedByPerson: '',
      notifyRaiser: false,
      forServiceUsers: false,
    });
    const selected = (list: { id: string }[], value: unknown) =>
      list.map((o) => ({ ...o, selected: o.id === value }));

    const start = local(meeting.startsAt);

    // Moving: the form starts from the meeting's own values; the host from the active units.
    const moveForm = form('move', {
      date: meeting.localDate,
      start: start.toFormat('HH:mm'),
      duration: String(Math.round((meeting.endsAt.getTime() - meeting.startsAt.getTime()) / 60_000)),
      host: meeting.hostUnitId,
      hostReason: meeting.hostOverrideReason ?? '',
      moveReason: meeting.moveNote?.reason ?? '',
    });
    // A move the service refused until acknowledged: the same questions, in words, with a box each.
    const movePosted = state.form === 'move' && state.errors?.ack && state.input ? state.input : null;
    const movePostedDate = movePosted ? text(movePosted, 'date') : '';
    const concerns =
      movePosted && /^\d{4}-\d{2}-\d{2}$/.test(movePostedDate) && DateTime.fromISO(movePostedDate).isValid
        ? await this.meetings.moveConcerns(meeting.id, movePostedDate, text(movePosted, 'host'))
        : [];
    const ackQuestions = concerns.map((c) => ({
      value: c.kind,
      text: fill(t[`ack_${c.kind}`], {
        date: day(c.date),
        name: c.holiday?.[lang] ?? '',
        number: c.otherNumber ?? '',
      }),
      checked: movePosted ? values(movePosted, 'ack').includes(c.kind) : false,
    }));
    const hostUnits = unitPage.items.some((u) => u.id === host.id)
      ? unitPage.items
      : [host, ...unitPage.items];

    // Waiting proposals, each with a select of the topics it can be merged into.
    const topics = mergeableTopics(agenda);
    const proposals = pending.items.map((p) => {
      const f = form(`merge-${p.id}`, { agendaItem: '' });
      return {
        id: p.id,
        title: p.title,
        description: p.description ?? '',
        form: f,
        options: selected(
          topics.map((i) => ({ id: i.id, label: i.title })),
          f.v.agendaItem,
        ),
      };
    });
    const readOnly = (m: Minutes) => ({
      version: m.version,
      statusText: t[`mstatus_${m.status}` as keyof MeetingTexts],
      correctionNote: m.correctionNote ?? '',
      approvedByNext: m.approvedBy === 'next-meeting',
      items: m.items.map((i) => ({
        title: i.title,
        notes: i.notes,
        decisions: i.decisions,
        empty: !i.notes && !i.decisions,
      })),
      staff: m.attendance.staff.map((s) => (s.unit ? `${s.name} (${s.unit})` : s.name)).join(', '),
      guests: m.attendance.guests.map((g) => g.name).join(', '),
      named: m.attendance.namedServiceUsers.map((s) => s.name).join(', '),
      serviceUserCount: m.attendance.serviceUserCount,
    });

    // Before confirming: who the invitations reach by email, and how many must be reached otherwise.
    const recipients = meeting.status === 'draft' ? await this.delivery.recipients(meeting) : null;
    return {
      meeting: {
        id: meeting.id,
        number: meeting.number,
        seriesId: series.id,
        seriesName: series.name,
        settingsHref: `/series/${series.id}/settings`,
        date: start.toFormat(DATE_FORMAT[lang]),
        time: `${start.toFormat(TIME_FORMAT[lang])}–${local(meeting.endsAt).toFormat(TIME_FORMAT[lang])}`,
        hostName: host.name,
        streetAddress: host.streetAddress,
        accessibilityNotes: host.accessibilityNotes ?? '',
        hostOverrideReason: meeting.hostOverrideReason ?? '',
        whyDate: explainMove(moveFacts(meeting), lang) ?? '',
        status: meeting.status,
        statusText: t[`status_${meeting.status}` as keyof MeetingTexts],
        canConfirm: meeting.status === 'draft',
        confirmCounts: recipients
          ? fill(t.confirmCounts, { email: recipients.email.length, other: recipients.other.length })
          : '',
        canCancel: !cancelled,
        cancelled,
        cancelForm: form('cancel', { reason: '', sure: false }),
        canMove: !cancelled,
        moveReinvites: confirmed,
        moveForm,
        ackQuestions,
        hostOptions: selected(
          hostUnits.map((u) => ({ id: u.id, label: u.name })),
          moveForm.v.host,
        ),
      },
      proposals: {
        shown: !cancelled && proposals.length > 0,
        canMerge: topics.length > 0,
        items: proposals,
      },
      done: state.done ? (t[`done_${state.done}` as keyof MeetingTexts] ?? null) : null,
      anyErrors: !!state.errors && Object.keys(state.errors).length > 0,
      agenda: {
        items: agendaItems,
        canAdd: !cancelled,
        add: form('agenda-new', { title: '', description: '', timeBox: '', presenter: '' }),
      },
      attendance: {
        enabled: confirmed,
        editable,
        form: form('attendance', {
          unnamed: attendance ? attendance.serviceUserCount - attendance.namedServiceUsers.length : 0,
        }),
        staff: members.filter((p) => p.kind === 'staff').map(person),
        guests: members.filter((p) => p.kind === 'guest').map(person),
        serviceUsers: members.filter((p) => p.kind === 'service_user').map(person),
      },
      minutes: {
        enabled: confirmed,
        editable,
        started: !!latest,
        status: latest?.status ?? 'none',
        statusText: latest ? t[`mstatus_${latest.status}` as keyof MeetingTexts] : '',
        version: latest?.version ?? 1,
        correctionNote: latest && isOpen(latest) ? (latest.correctionNote ?? '') : '',
        changes:
          latest && isOpen(latest) && latest.correctionOfId
            ? (await this.minutes.changes(latest)).map((c) => c.title || t.attendanceSummary)
            : [],
        items: minutesItems,
        anyWarnings: minutesItems.some((i) => i.warnings.length > 0),
        privacy: PRIVACY_CHECKLIST.map((c) => ({
          key: c.key,
          text: c[lang],
          checked: checkedKeys.includes(c.key),
        })),
        form: minutesForm,
        canCirculate: editable && (!latest || latest.status === 'draft'),
        canPublish: latest?.status === 'approved',
        canCorrect: latest?.status === 'published',
        correction: form('correction', { note: '' }),
        readable: readable ? readOnly(readable) : null,
        comments: {
          shown: latest?.status === 'circulated' || comments.length > 0,
          items: comments.map((c) => ({
            author: c.authorName,
            when: `${local(c.createdAt).toFormat('d.M.yyyy')} ${local(c.createdAt).toFormat(TIME_FORMAT[lang])}`,
            body: c.body,
          })),
        },
        versions: versions.map((v) => ({
          version: v.version,
          statusText: t[`mstatus_${v.status}` as keyof MeetingTexts],
          date: day(DateTime.fromJSDate(v.publishedAt ?? v.approvedAt ?? v.updatedAt).toISODate() as string),
          correctionNote: v.correctionNote ?? '',
          superseded: !!v.supersededAt,
        })),
      },
      actions: {
        items: actionItems,
        canAdd: !cancelled && agenda.length > 0,
        form: actionForm,
        agendaOptions: selected(
          agenda.map((a) => ({ id: a.id, label: a.parentId ? `– ${a.title}` : a.title })),
          actionForm.v.agendaItem,
        ),
        unitOptions: selected(
          unitPage.items.map((u) => ({ id: u.id, label: u.name })),
          actionForm.v.owner,
        ),
        raisedByUnitOptions: selected(
          unitPage.items.map((u) => ({ id: u.id, label: u.name })),
          actionForm.v.raisedByUnit,
        ),
        assigneeOptions: selected(
          members.filter((p) => p.kind === 'staff').map((p) => ({ id: p.id, label: p.displayName })),
          actionForm.v.assignee,
        ),
        raiserOptions: selected(
          members.map((p) => ({ id: p.id, label: p.displayName })),
          actionForm.v.raisedByPerson,
        ),
        raisedByKinds: (['service_user', 'unit', 'meeting'] as const).map((k) => ({
          value: k,
          label: t[`raised_${k}`],
          checked: actionForm.v.raisedBy === k,
        })),
      },
    };
  }
}

/** The agenda's own topics: a proposal is merged into one of these, never into the review list. */
function mergeableTopics(agenda: AgendaItem[]): AgendaItem[] {
  return agenda.filter((i) => !i.parentId && ['standing', 'proposal', 'topic'].includes(i.kind));
}

/** Posted fields as the form's values (checkboxes as booleans), to show the input again. */
function inputValues(input: FormBody): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (k === '_csrf') continue;
    out[k] = v;
  }
  for (const k of ['notifyRaiser', 'forServiceUsers', 'sure']) out[k] = typeof input[k] === 'string';
  return out;
}
