import { ClassConstructor } from 'class-transformer';
import { isUUID } from 'class-validator';
import { Injectable, NotFoundException } from '@nestjs/common';
import {
  AccessPolicy,
  AuditService,
  CoordinatorInvitationRefused,
  CoordinatorInvitations,
  normalizeEmail,
  PersonChanges,
} from '@kierto/access';
import { KiertoConfig, publicUrl } from '@kierto/config';
import { RotationService } from '@kierto/meetings';
import {
  CoordinatorHandover,
  CreateStandingTopicDto,
  StandingTopicService,
  UpdateStandingTopicDto,
} from '@kierto/minutes';
import {
  CONSENT_METHODS,
  CreateBlackoutDto,
  CreatePersonDto,
  CreateSeriesDto,
  CreateUnitDto,
  LANGUAGES,
  Person,
  PERSON_KINDS,
  PersonService,
  Series,
  SeriesService,
  UnitService,
  UpdatePersonDto,
  UpdateSeriesDto,
} from '@kierto/network';
import { LANGUAGE_NAMES } from '../pages/web-texts';
import { SettingsTexts } from '../pages/settings-texts';
import {
  asForm,
  errorText,
  FormRejected,
  FormState,
  formFields,
  formInt,
  formValues,
  validateForm,
} from './settings-forms';

export const BASICS_FIELDS = [
  'name',
  'cadenceMonths',
  'dayRuleNth',
  'dayRuleWeekday',
  'startTime',
  'durationMinutes',
  'defaultLanguage',
  'invitationLeadDays',
  'reminderDays',
];
export const UNIT_FIELDS = ['name', 'streetAddress', 'accessibilityNotes', 'contactEmail'];
export const BLACKOUT_FIELDS = ['startsOn', 'endsOn', 'reason'];
export const PERSON_FIELDS = [
  'displayName',
  'kind',
  'email',
  'homeUnitId',
  'preferredLanguage',
  'emailConsentDate',
  'emailConsentMethod',
];
export const TOPIC_FIELDS = ['title', 'description', 'timeBoxMinutes', 'active'];

const nullIfEmpty = (s: string) => (s === '' ? null : s);

/**
 * The series settings pages: builds what the views show, and turns each form into one call of a
 * domain service (SeriesService, RotationService, UnitService, PersonService, StandingTopicService).
 * The rules stay in those services; this only checks that the record belongs to the series (404 if not).
 */
@Injectable()
export class SettingsPageService {
  constructor(
    private readonly series: SeriesService,
    private readonly rotation: RotationService,
    private readonly units: UnitService,
    private readonly people: PersonService,
    private readonly topics: StandingTopicService,
    private readonly audit: AuditService,
    private readonly changes: PersonChanges,
    private readonly policy: AccessPolicy,
    private readonly config: KiertoConfig,
    private readonly invitations: CoordinatorInvitations,
    private readonly handover: CoordinatorHandover,
  ) {}

  // ── The page ─────────────────────────────────────────────────────────────────────────────────────

  async view(seriesId: string, me: Person, t: SettingsTexts, state: FormState | null) {
    const series = await this.series.get(seriesId);
    const [rotation, allUnits, members, topics, coordinators, pending] = await Promise.all([
      this.rotation.status(seriesId),
      this.policy.visibleUnitIds(me.id).then((ids) => this.units.list({ limit: 200, offset: 0, ids })),
      this.people.members(seriesId, { limit: 200, offset: 0 }),
      this.topics.list(seriesId),
      this.series.coordinators(seriesId),
      this.invitations.pending(seriesId),
    ]);
    const blackouts = await this.units.blackouts(rotation.map((r) => r.unitId));
    const rotationUnits = new Map(
      (await this.units.list({ limit: 200, offset: 0, ids: rotation.map((r) => r.unitId) })).items.map(
        (u) => [u.id, u],
      ),
    );
    const unitNames = new Map(allUnits.items.map((u) => [u.id, u.name]));
    const base = `/series/${seriesId}/settings`;
    const reminderDays = series.reminderDays.join(', ');

    const basics = this.basicsFields(t, state, { ...series, reminderDays });

    const inRotation = new Set(rotation.map((r) => r.unitId));
    const rotationRows = rotation.map((r, i) => ({
      unitId: r.unitId,
      name: r.unitName,
      position: i + 1,
      hosted: r.hosted,
      owed: r.owed > 0,
      inactive: !r.active,
      first: i === 0,
      last: i === rotation.length - 1,
      blackouts: blackouts
        .filter((b) => b.unitId === r.unitId)
        .map((b) => ({ id: b.id, startsOn: b.startsOn, endsOn: b.endsOn, reason: b.reason ?? '' })),
      blackoutForm: {
        action: `${base}/units/${r.unitId}/blackouts`,
        fields: formFields(`blackout-${i + 1}`, t, state, [
          { name: 'startsOn', label: t.startsOn, type: 'date', required: true },
          { name: 'endsOn', label: t.endsOn, type: 'date', required: true },
          { name: 'reason', label: t.reason },
        ]),
      },
    }));
    const addable = allUnits.items
      .filter((u) => !inRotation.has(u.id) && u.active)
      .map((u) => ({ value: u.id, label: u.name, selected: false }));

    const homeUnitOptions = [
      { value: '', label: t.noHomeUnit, selected: false },
      ...rotation.map((r) => ({ value: r.unitId, label: r.unitName, selected: false })),
    ];
    const coordinatorIds = new Set(coordinators.map((c) => c.id));
    return {
      seriesName: series.name,
      base,
      importHref: `/series/${seriesId}/import`,
      basics,
      rotation: rotationRows,
      addToRotation: formFields('rotation-add', t, state, [
        { name: 'unitId', label: t.unit, options: addable },
      ]),
      canAddToRotation: addable.length > 0,
      rotationError:
        state?.form === 'rotation' && state.errors.rotation ? errorText(t, state.errors.rotation) : '',
      newUnit: this.unitFields(t, state),
      // Each unit of the rotation, editable (AccessPolicy: its coordinators may change it).
      unitForms: rotation.map((r, i) => {
        const u = rotationUnits.get(r.unitId);
        const formId = `unit-${i + 1}`;
        return {
          unitId: r.unitId,
          name: r.unitName,
          action: `${base}/units/${r.unitId}`,
          open: state?.form === formId,
          fields: this.unitFields(t, state, formId, {
            name: u?.name ?? r.unitName,
            streetAddress: u?.streetAddress ?? '',
            accessibilityNotes: u?.accessibilityNotes ?? '',
            contactEmail: u?.contactEmail ?? '',
          }),
        };
      }),
      publicLinks: {
        formHref: `/s/${encodeURIComponent(series.proposalKey)}`,
        formUrl: `${publicUrl(this.config)}/s/${encodeURIComponent(series.proposalKey)}`,
        noticeHref: `/s/${encodeURIComponent(series.proposalKey)}/notice`,
        status: series.publicFeedback ? t.noticeIsPublic : t.noticeIsPrivate,
        fields: formFields('public', t, state, [
          {
            name: 'publicFeedback',
            label: t.publicFeedback,
            isCheckbox: true,
            checked: series.publicFeedback,
          },
        ]),
      },
      members: members.items.map(({ person: p, membership }) => ({
        id: p.id,
        name: p.displayName,
        kind: t[`kind_${p.kind}`],
        homeUnit: p.homeUnitId ? (unitNames.get(p.homeUnitId) ?? '') : '',
        language: p.preferredLanguage,
        hasEmail: p.email ? t.yes : t.no,
        consent:
          p.kind === 'service_user'
            ? p.emailConsentAt && p.emailConsentMethod
              ? `${p.emailConsentAt} (${t[`method_${p.emailConsentMethod}`]})`
              : t.method_none
            : '',
        active: membership.active,
      })),
      newPerson: this.personFields('person-new', t, state, null, homeUnitOptions),
      topics: topics.map((topic, i) => ({
        id: topic.id,
        title: topic.title,
        active: topic.active,
        first: i === 0,
        last: i === topics.length - 1,
        fields: formFields(`topic-${i + 1}`, t, state, this.topicSpecs(t, topic)),
      })),
      newTopic: formFields('topic-new', t, state, this.topicSpecs(t, null)),
      coordinators: coordinators.map((c) => ({ id: c.id, name: c.displayName, isMe: c.id === me.id })),
      coordinatorCandidates: formFields('coordinator-add', t, state, [
        {
          name: 'personId',
          label: t.coordinatorCandidates,
          options: members.items
            .filter(
              ({ person: p, membership: m }) =>
                m.active && p.kind === 'staff' && p.email && !coordinatorIds.has(p.id),
            )
            .map(({ person: p }) => ({ value: p.id, label: p.displayName, selected: false })),
        },
      ]),
      invite: formFields('coordinator-invite', t, state, [
        { name: 'displayName', label: t.inviteName, required: true },
        { name: 'email', label: t.inviteEmail, type: 'email', required: true },
      ]),
      pendingInvitations: pending.map((p) => ({ name: p.displayName, email: p.email })),
      failedForm: state?.form ?? '',
    };
  }

  /** The basics form (the settings page and the first step of the guided setup). */
  basicsFields(
    t: SettingsTexts,
    state: FormState | null,
    series: Pick<
      Series,
      | 'name'
      | 'cadenceMonths'
      | 'dayRuleNth'
      | 'dayRuleWeekday'
      | 'startTime'
      | 'durationMinutes'
      | 'defaultLanguage'
      | 'invitationLeadDays'
    > & { reminderDays: string },
  ) {
    return formFields('basics', t, state, [
      { name: 'name', label: t.name, value: series.name, required: true },
      {
        name: 'cadenceMonths',
        label: t.cadenceMonths,
        value: String(series.cadenceMonths),
        options: [1, 2, 3].map((n) => ({
          value: String(n),
          label: t[`cadence${n}` as 'cadence1'],
          selected: false,
        })),
      },
      {
        name: 'dayRuleNth',
        label: t.dayRuleNth,
        value: String(series.dayRuleNth),
        options: [
          ...[1, 2, 3, 4].map((n) => ({ value: String(n), label: t[`nth${n}` as 'nth1'], selected: false })),
          { value: '-1', label: t.nthLast, selected: false },
        ],
      },
      {
        name: 'dayRuleWeekday',
        label: t.dayRuleWeekday,
        value: String(series.dayRuleWeekday),
        options: t.weekdays.map((d, i) => ({ value: String(i + 1), label: d, selected: false })),
      },
      {
        name: 'startTime',
        label: t.startTime,
        hint: t.startTimeHint,
        value: series.startTime,
        required: true,
      },
      {
        name: 'durationMinutes',
        label: t.durationMinutes,
        value: String(series.durationMinutes),
        type: 'number',
      },
      {
        name: 'defaultLanguage',
        label: t.defaultLanguage,
        value: series.defaultLanguage,
        options: LANGUAGE_NAMES.map(({ code, name }) => ({ value: code, label: name, selected: false })),
      },
      {
        name: 'invitationLeadDays',
        label: t.invitationLeadDays,
        value: String(series.invitationLeadDays),
        type: 'number',
      },
      { name: 'reminderDays', label: t.reminderDays, hint: t.reminderDaysHint, value: series.reminderDays },
    ]);
  }

  private unitFields(
    t: SettingsTexts,
    state: FormState | null,
    formId = 'unit-new',
    v: Record<string, string> = {},
  ) {
    return formFields(formId, t, state, [
      { name: 'name', label: t.name, value: v.name, required: true },
      { name: 'streetAddress', label: t.streetAddress, value: v.streetAddress, required: true },
      {
        name: 'accessibilityNotes',
        label: t.accessibilityNotes,
        value: v.accessibilityNotes,
        isTextarea: true,
      },
      { name: 'contactEmail', label: t.contactEmail, value: v.contactEmail, type: 'email' },
    ]);
  }

  private topicSpecs(
    t: SettingsTexts,
    topic: {
      title: string;
      description: string | null;
      timeBoxMinutes: number | null;
      active: boolean;
    } | null,
  ) {
    return [
      { name: 'title', label: t.title, value: topic?.title ?? '', required: true },
      { name: 'description', label: t.description, value: topic?.description ?? '', isTextarea: true },
      {
        name: 'timeBoxMinutes',
        label: t.timeBoxMinutes,
        value: topic?.timeBoxMinutes ? String(topic.timeBoxMinutes) : '',
        type: 'number',
      },
      { name: 'active', label: t.active, isCheckbox: true, checked: topic ? topic.active : true },
    ];
  }

  private personFields(
    formId: string,
    t: SettingsTexts,
    state: FormState | null,
    p: Person | null,
    homeUnitOptions: { value: string; label: string; selected: boolean }[],
  ) {
    return formFields(formId, t, state, [
      {
        name: 'displayName',
        label: t.displayName,
        hint: t.displayNameHint,
        value: p?.displayName ?? '',
        required: true,
      },
      {
        name: 'kind',
        label: t.kind,
        value: p?.kind ?? 'staff',
        options: PERSON_KINDS.map((k) => ({ value: k, label: t[`kind_${k}`], selected: false })),
      },
      { name: 'email', label: t.emailOptional, value: p?.email ?? '', type: 'email' },
      { name: 'homeUnitId', label: t.homeUnit, value: p?.homeUnitId ?? '', options: homeUnitOptions },
      {
        name: 'preferredLanguage',
        label: t.language,
        value: p?.preferredLanguage ?? 'fi',
        options: LANGUAGE_NAMES.map(({ code, name }) => ({ value: code, label: name, selected: false })),
      },
      {
        name: 'emailConsentDate',
        label: t.emailConsentDate,
        hint: t.consentHint,
        value: p?.emailConsentAt ?? '',
        type: 'date',
      },
      {
        name: 'emailConsentMethod',
        label: t.emailConsentMethod,
        value: p?.emailConsentMethod ?? '',
        options: [
          { value: '', label: t.method_none, selected: false },
          ...CONSENT_METHODS.map((m) => ({ value: m, label: t[`method_${m}`], selected: false })),
        ],
      },
    ]);
  }

  /** The person's own page: their details, with the email address (a view of contact details). */
  async personView(
    seriesId: string,
    personId: string,
    me: Person,
    t: SettingsTexts,
    state: FormState | null,
  ) {
    const { person, active } = await this.member(seriesId, personId);
    // The page shows the email address: a view of contact details, audited (ids only).
    await this.audit.record({
      action: 'contact-details-viewed',
      actorPersonId: me.id,
      subject: `person:${personId}`,
      details: { seriesId, count: 1, personIds: personId },
    });
    const rotation = await this.rotation.status(seriesId);
    const homeUnitOptions = [
      { value: '', label: t.noHomeUnit, selected: false },
      ...rotation.map((r) => ({ value: r.unitId, label: r.unitName, selected: false })),
    ];
    if (person.homeUnitId && !rotation.some((r) => r.unitId === person.homeUnitId)) {
      const unit = await this.units.get(person.homeUnitId);
      homeUnitOptions.push({ value: unit.id, label: unit.name, selected: false });
    }
    return {
      person,
      active,
      seriesName: (await this.series.get(seriesId)).name,
      fields: this.personFields('person', t, state, person, homeUnitOptions),
    };
  }

  // ── The forms ────────────────────────────────────────────────────────────────────────────────────

  async saveBasics(seriesId: string, body: unknown): Promise<void> {
    const { dto, state } = await this.basicsDto(UpdateSeriesDto, body);
    await asForm(() => this.series.update(seriesId, dto), state);
  }

  /** A new series from the basics form, in its guided setup (no meeting until it is started). */
  async createSeries(me: Person, body: unknown): Promise<Series> {
    const { dto, state } = await this.basicsDto(CreateSeriesDto, body);
    return asForm(() => this.series.create(me.id, { ...dto, setup: true }), state);
  }

  /** The basics form as the DTO `cls`, or FormRejected naming each bad field. */
  private async basicsDto<T extends object>(cls: ClassConstructor<T>, body: unknown) {
    const values = formValues(body, BASICS_FIELDS);
    const state = { form: 'basics', values };
    const days =
      values.reminderDays === ''
        ? []
        : values.reminderDays
            .split(/[\s,;]+/)
            .filter(Boolean)
            .map(formInt);
    const dto = await validateForm(
      cls,
      {
        name: values.name,
        cadenceMonths: formInt(values.cadenceMonths),
        dayRule: { nth: formInt(values.dayRuleNth), weekday: formInt(values.dayRuleWeekday) },
        startTime: values.startTime,
        durationMinutes: formInt(values.durationMinutes),
        defaultLanguage: values.defaultLanguage,
        invitationLeadDays: formInt(values.invitationLeadDays),
        reminderDays: days,
      },
      state,
      (path) =>
        path.startsWith('reminderDays')
          ? 'reminderDays'
          : ({ 'dayRule.nth': 'dayRuleNth', 'dayRule.weekday': 'dayRuleWeekday', dayRule: 'dayRuleNth' }[
              path
            ] ?? path),
      (f) => (values[f] ? f : 'required'),
    );
    return { dto, state };
  }

  async moveUnit(seriesId: string, unitId: string, direction: string): Promise<void> {
    const ids = (await this.rotation.status(seriesId)).map((r) => r.unitId);
    const i = ids.indexOf(unitId);
    if (i < 0) throw new NotFoundException(`Unit ${unitId} is not in this rotation`);
    const j = direction === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= ids.length) return;
    [ids[i], ids[j]] = [ids[j], ids[i]];
    await this.rotation.setOrder(seriesId, ids);
  }

  async removeFromRotation(seriesId: string, unitId: string): Promise<void> {
    const ids = (await this.rotation.status(seriesId)).map((r) => r.unitId);
    if (!ids.includes(unitId)) throw new NotFoundException(`Unit ${unitId} is not in this rotation`);
    // A series needs at least one unit to rotate: say so above the rotation.
    if (ids.length === 1)
      throw new FormRejected({ form: 'rotation', values: {}, errors: { rotation: 'lastUnit' } });
    await this.rotation.setOrder(
      seriesId,
      ids.filter((id) => id !== unitId),
    );
  }

  async addToRotation(seriesId: string, me: Person, body: unknown): Promise<void> {
    const values = formValues(body, ['unitId']);
    const state = { form: 'rotation-add', values };
    const ids = (await this.rotation.status(seriesId)).map((r) => r.unitId);
    if (!values.unitId) throw new FormRejected({ ...state, errors: { unitId: 'required' } });
    // Not an id at all (a hand-made post): the field's error, not a database error page.
    if (!isUUID(values.unitId)) throw new FormRejected({ ...state, errors: { unitId: 'invalid' } });
    if (ids.includes(values.unitId)) return;
    const pickable = await this.policy.visibleUnitIds(me.id);
    await asForm(() => this.rotation.setOrder(seriesId, [...ids, values.unitId], pickable), state, {
      fields: { [`unitIds.${ids.length}`]: ['unitId', 'invalid'] },
    });
  }

  async createUnit(seriesId: string, me: Person, body: unknown): Promise<void> {
    const values = formValues(body, UNIT_FIELDS);
    const state = { form: 'unit-new', values };
    const dto = await validateForm(
      CreateUnitDto,
      {
        name: values.name,
        streetAddress: values.streetAddress,
        accessibilityNotes: nullIfEmpty(values.accessibilityNotes),
        contactEmail: nullIfEmpty(values.contactEmail),
      },
      state,
      undefined,
      (f) => (!values[f] ? 'required' : f === 'contactEmail' ? 'email' : 'invalid'),
    );
    const unit = await asForm(() => this.units.create(dto, undefined, me.id), state, {
      conflict: ['name', 'unitExists'],
    });
    const ids = (await this.rotation.status(seriesId)).map((r) => r.unitId);
    await this.rotation.setOrder(seriesId, [...ids, unit.id]);
  }

  /**
   * A unit of this series' rotation, changed in place. Issue 9's rule: only a coordinator of a series
   * that uses the unit (AccessPolicy.canSeeUnit); a unit outside the rotation is 404 here.
   */
  async updateUnit(seriesId: string, unitId: string, me: Person, body: unknown): Promise<void> {
    const i = await this.rotationIndex(seriesId, unitId);
    if (!(await this.policy.canSeeUnit(me.id, unitId))) throw new NotFoundException(`No unit ${unitId}`);
    const values = formValues(body, UNIT_FIELDS);
    const state = { form: `unit-${i + 1}`, values };
    const dto = await validateForm(
      CreateUnitDto,
      {
        name: values.name,
        streetAddress: values.streetAddress,
        accessibilityNotes: nullIfEmpty(values.accessibilityNotes),
        contactEmail: nullIfEmpty(values.contactEmail),
      },
      state,
      undefined,
      (f) => (!values[f] ? 'required' : f === 'contactEmail' ? 'email' : 'invalid'),
    );
    await asForm(() => this.units.update(unitId, dto), state, { conflict: ['name', 'unitNameTaken'] });
  }

  /** The "notice is public" switch (`publicFeedback`): a ticked box makes it public, an empty one not. */
  async savePublic(seriesId: string, body: unknown): Promise<void> {
    const values = formValues(body, ['publicFeedback']);
    await this.series.update(seriesId, { publicFeedback: values.publicFeedback === '1' });
  }

  private async rotationIndex(seriesId: string, unitId: string): Promise<number> {
    const i = (await this.rotation.status(seriesId)).findIndex((r) => r.unitId === unitId);
    if (i < 0) throw new NotFoundException(`Unit ${unitId} is not in this rotation`);
    return i;
  }

  async addBlackout(seriesId: string, unitId: string, body: unknown): Promise<void> {
    const i = await this.rotationIndex(seriesId, unitId);
    const values = formValues(body, BLACKOUT_FIELDS);
    const state = { form: `blackout-${i + 1}`, values };
    const dto = await validateForm(
      CreateBlackoutDto,
      { startsOn: values.startsOn, endsOn: values.endsOn, reason: values.reason || undefined },
      state,
      undefined,
      (f) => (f === 'reason' ? 'invalid' : 'date'),
    );
    await asForm(() => this.units.addBlackout(unitId, dto), state, {
      fields: { endsOn: ['endsOn', 'endsOn'] },
    });
  }

  async removeBlackout(seriesId: string, unitId: string, blackoutId: string): Promise<void> {
    await this.rotationIndex(seriesId, unitId);
    await this.units.removeBlackout(unitId, blackoutId);
  }

  private personDto(values: Record<string, string>, state: Omit<FormState, 'errors'>) {
    const hasDate = values.emailConsentDate !== '';
    const hasMethod = values.emailConsentMethod !== '';
    if (hasDate !== hasMethod) {
      throw new FormRejected({
        ...state,
        errors: { [hasDate ? 'emailConsentMethod' : 'emailConsentDate']: 'consent' },
      });
    }
    return {
      displayName: values.displayName,
      kind: values.kind,
      email: nullIfEmpty(values.email),
      homeUnitId: nullIfEmpty(values.homeUnitId),
      preferredLanguage: (LANGUAGES as string[]).includes(values.preferredLanguage)
        ? values.preferredLanguage
        : 'x',
      emailConsent: hasDate ? { givenOn: values.emailConsentDate, method: values.emailConsentMethod } : null,
    };
  }

  private static personFieldOf = (path: string) =>
    ({ 'emailConsent.givenOn': 'emailConsentDate', 'emailConsent.method': 'emailConsentMethod' })[path] ??
    path;

  private static personErrors = {
    fields: { homeUnitId: ['homeUnitId', 'homeUnit'] as [string, string] },
    conflict: ['email', 'emailTaken'] as [string, string],
    forbidden: ['email', 'emailOwned'] as [string, string],
  };

  async addPerson(seriesId: string, actor: Person, body: unknown): Promise<void> {
    const values = formValues(body, PERSON_FIELDS);
    const state = { form: 'person-new', values };
    const dto = await validateForm(
      CreatePersonDto,
      this.personDto(values, state),
      state,
      SettingsPageService.personFieldOf,
      (f) =>
        !values[f] ? 'required' : f === 'email' ? 'email' : f === 'emailConsentDate' ? 'date' : 'invalid',
    );
    const person = await asForm(
      () => this.changes.create(actor.id, dto),
      state,
      SettingsPageService.personErrors,
    );
    await this.people.addMember(seriesId, person.id);
  }

  async updatePerson(seriesId: string, personId: string, me: Person, body: unknown): Promise<void> {
    await this.member(seriesId, personId);
    const values = formValues(body, PERSON_FIELDS);
    const state = { form: 'person', values };
    const dto = await validateForm(
      UpdatePersonDto,
      this.personDto(values, state),
      state,
      SettingsPageService.personFieldOf,
      (f) =>
        !values[f] ? 'required' : f === 'email' ? 'email' : f === 'emailConsentDate' ? 'date' : 'invalid',
    );
    await asForm(() => this.changes.update(me.id, personId, dto), state, SettingsPageService.personErrors);
  }

  async setMembership(seriesId: string, personId: string, active: boolean): Promise<void> {
    await this.member(seriesId, personId);
    if (active) await this.people.addMember(seriesId, personId);
    else await this.people.removeMember(seriesId, personId);
  }

  /** A person of this series (active or not); anyone else is 404. */
  private async member(seriesId: string, personId: string) {
    const all = await this.people.members(seriesId, { limit: 200, offset: 0 });
    const row = all.items.find((m) => m.person.id === personId);
    if (!row) throw new NotFoundException(`No person ${personId} in this series`);
    return { person: row.person, active: row.membership.active };
  }

  private topicDto(values: Record<string, string>) {
    return {
      title: values.title,
      description: nullIfEmpty(values.description),
      timeBoxMinutes: formInt(values.timeBoxMinutes),
      active: values.active === '1',
    };
  }

  async addTopic(seriesId: string, body: unknown): Promise<void> {
    const values = formValues(body, TOPIC_FIELDS);
    const state = { form: 'topic-new', values };
    const dto = await validateForm(CreateStandingTopicDto, this.topicDto(values), state, undefined, (f) =>
      !values[f] ? 'required' : f === 'timeBoxMinutes' ? 'timeBoxMinutes' : 'invalid',
    );
    await this.topics.create(seriesId, dto);
  }

  private async topicIndex(seriesId: string, topicId: string) {
    const all = await this.topics.list(seriesId);
    const i = all.findIndex((x) => x.id === topicId);
    if (i < 0) throw new NotFoundException(`No standing topic ${topicId} in this series`);
    return { all, i };
  }

  async updateTopic(seriesId: string, topicId: string, body: unknown): Promise<void> {
    const { i } = await this.topicIndex(seriesId, topicId);
    const values = formValues(body, TOPIC_FIELDS);
    const state = { form: `topic-${i + 1}`, values };
    const dto = await validateForm(UpdateStandingTopicDto, this.topicDto(values), state, undefined, (f) =>
      !values[f] ? 'required' : f === 'timeBoxMinutes' ? 'timeBoxMinutes' : 'invalid',
    );
    await this.topics.update(topicId, dto);
  }

  /** Moves a topic one place up or down; positions are renumbered 1… so equal positions cannot stick. */
  async moveTopic(seriesId: string, topicId: string, direction: string): Promise<void> {
    const { all, i } = await this.topicIndex(seriesId, topicId);
    const j = direction === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= all.length) return;
    [all[i], all[j]] = [all[j], all[i]];
    for (const [k, topic] of all.entries()) {
      if (topic.position !== k + 1) await this.topics.update(topic.id, { position: k + 1 });
    }
  }

  async removeTopic(seriesId: string, topicId: string): Promise<void> {
    await this.topicIndex(seriesId, topicId);
    await this.topics.remove(topicId);
  }

  async addCoordinator(seriesId: string, me: Person, body: unknown): Promise<void> {
    const values = formValues(body, ['personId']);
    const state = { form: 'coordinator-add', values };
    if (!values.personId) throw new FormRejected({ ...state, errors: { personId: 'required' } });
    if (!isUUID(values.personId)) throw new FormRejected({ ...state, errors: { personId: 'invalid' } });
    await this.member(seriesId, values.personId);
    await asForm(() => this.series.addCoordinator(seriesId, values.personId), state, {
      conflict: ['personId', 'coordinator'],
    });
    await this.audit.record({
      action: 'coordinator-added',
      actorPersonId: me.id,
      subject: `person:${values.personId}`,
      details: { seriesId },
    });
  }

  /** Invites a colleague by address; the answer never tells whether the address was known. */
  async inviteCoordinator(seriesId: string, me: Person, body: unknown): Promise<void> {
    const values = formValues(body, ['displayName', 'email']);
    const state = { form: 'coordinator-invite', values };
    const errors: Record<string, string> = {};
    if (!values.displayName) errors.displayName = 'required';
    else if (values.displayName.length > 200) errors.displayName = 'name';
    if (!values.email) errors.email = 'required';
    else if (!normalizeEmail(values.email)) errors.email = 'email';
    if (Object.keys(errors).length) throw new FormRejected({ ...state, errors });
    try {
      await this.invitations.invite(me, seriesId, { displayName: values.displayName, email: values.email });
    } catch (e) {
      if (e instanceof CoordinatorInvitationRefused)
        throw new FormRejected({ ...state, errors: { email: e.reason } });
      throw e;
    }
  }

  /** The handover page: the other coordinators to choose from (none: invite one first). */
  async handoverView(seriesId: string, me: Person, t: SettingsTexts, state: FormState | null) {
    const series = await this.series.get(seriesId);
    const others = (await this.series.coordinators(seriesId)).filter((c) => c.id !== me.id);
    const fields = formFields('handover', t, state, [
      {
        name: 'successorId',
        label: t.handoverSuccessor,
        options: others.map((c) => ({ value: c.id, label: c.displayName, selected: false })),
        value: others.length === 1 ? others[0].id : '',
      },
      { name: 'sure', label: t.handoverSure, isCheckbox: true },
    ]);
    return { seriesName: series.name, hasSuccessor: others.length > 0, fields };
  }

  /**
   * Hands the series over to another coordinator (chosen on the handover page, the box ticked) and
   * ends the caller's role; the successor is emailed. Without another coordinator: 409.
   */
  async handOver(
    seriesId: string,
    me: Person,
    body: unknown,
  ): Promise<{ successor: Person; seriesName: string }> {
    const values = formValues(body, ['successorId', 'sure']);
    const state = { form: 'handover', values };
    const others = (await this.series.coordinators(seriesId)).filter((c) => c.id !== me.id);
    if (!others.length) throw new FormRejected({ form: 'handover-none', values, errors: {} });
    const errors: Record<string, string> = {};
    if (!others.some((c) => c.id === values.successorId)) errors.successorId = 'successor';
    if (values.sure !== '1') errors.sure = 'sure';
    if (Object.keys(errors).length) throw new FormRejected({ ...state, errors });
    const successor = await this.handover.handOver(seriesId, me, values.successorId);
    await this.audit.record({
      action: 'coordinator-removed',
      actorPersonId: me.id,
      subject: `person:${me.id}`,
      details: { seriesId, successor: successor.id },
    });
    return { successor, seriesName: (await this.series.get(seriesId)).name };
  }
}
