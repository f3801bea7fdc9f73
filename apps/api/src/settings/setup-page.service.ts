import { ConflictException, Injectable } from '@nestjs/common';
import { KiertoConfig, publicUrl } from '@kierto/config';
import { MeetingService, RotationService } from '@kierto/meetings';
import { StandingTopicService } from '@kierto/minutes';
import { Language, Person, Series, SeriesService } from '@kierto/network';
import { describeDayRule } from '@kierto/rotation';
import { SettingsTexts } from '../pages/settings-texts';
import { SETUP_TEXTS, SetupTexts } from '../pages/setup-texts';
import { FormRejected, FormState, formFields, formValues } from './settings-forms';
import { SettingsPageService } from './settings-page.service';

/** The steps of the guided setup, in order; `/series/{id}/setup/{step}`. */
export const SETUP_STEPS = ['basics', 'units', 'people', 'topics', 'public', 'start'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

/** The step to open when a coordinator comes back: the one after the last step saved. */
export const resumeStep = (series: Pick<Series, 'setupStep'>): SetupStep =>
  SETUP_STEPS[Math.min(Math.max(series.setupStep, 0), SETUP_STEPS.length - 1)];

/**
 * The guided setup of a new series: the forms of the settings page (SettingsPageService, the same
 * rules), a step at a time, each saved as it goes. Nothing proposes a meeting until `start`.
 */
@Injectable()
export class SetupPageService {
  constructor(
    private readonly settings: SettingsPageService,
    private readonly series: SeriesService,
    private readonly rotation: RotationService,
    private readonly topics: StandingTopicService,
    private readonly meetings: MeetingService,
    private readonly config: KiertoConfig,
  ) {}

  /** The empty basics form of a new series, with the usual defaults. */
  newView(t: SettingsTexts, s: SetupTexts, state: FormState | null) {
    return {
      step: this.stepNav(s, 'basics', 0, null),
      basics: this.settings.basicsFields(t, state, {
        name: '',
        cadenceMonths: 2,
        dayRuleNth: 2,
        dayRuleWeekday: 2,
        startTime: '14:00',
        durationMinutes: 120,
        defaultLanguage: 'fi',
        invitationLeadDays: 21,
        reminderDays: '7, 1',
      }),
    };
  }

  /** Creates the series in its setup, with the suggested standing topics in its language. */
  async create(me: Person, body: unknown): Promise<string> {
    const series = await this.settings.createSeries(me, body);
    for (const [i, topic] of SETUP_TEXTS[series.defaultLanguage].suggestedTopics.entries()) {
      await this.topics.create(series.id, { ...topic, position: i + 1, active: true });
    }
    return series.id;
  }

  async get(seriesId: string): Promise<Series> {
    return this.series.get(seriesId);
  }

  async view(
    seriesId: string,
    step: SetupStep,
    me: Person,
    t: SettingsTexts,
    s: SetupTexts,
    lang: Language,
    state: FormState | null,
  ) {
    const series = await this.series.get(seriesId);
    const settings = await this.settings.view(seriesId, me, t, state);
    const base = `/series/${seriesId}/setup`;
    const index = SETUP_STEPS.indexOf(step);
    const link = `${publicUrl(this.config)}/s/${series.proposalKey}`;
    const unitError = state?.form === 'continue-units' || state?.form === 'start';
    const weekday = describeDayRule({ nth: series.dayRuleNth, weekday: series.dayRuleWeekday }, lang);
    return {
      ...settings,
      base,
      settingsBase: `/series/${seriesId}/settings`,
      step: this.stepNav(s, step, series.setupStep, seriesId),
      is: Object.fromEntries(SETUP_STEPS.map((x) => [x, x === step])),
      previous: index > 0 ? `${base}/${SETUP_STEPS[index - 1]}` : '',
      unitError: unitError ? (state?.form === 'start' ? s.startNeedsUnit : s.needUnit) : '',
      proposalLink: link,
      noticeLink: `${link}/notice`,
      publicFields: formFields('public', t, state, [
        {
          name: 'publicFeedback',
          label: s.publicFeedback,
          isCheckbox: true,
          checked: series.publicFeedback,
        },
      ]),
      summary: {
        name: series.name,
        when: `${t[`cadence${series.cadenceMonths}` as 'cadence1']}, ${weekday}, ${series.startTime}`,
        units: settings.rotation.map((r) => r.name),
        people: settings.members.filter((m) => m.active).length,
        topics: settings.topics.filter((x) => x.active).map((x) => x.title),
      },
    };
  }

  /** The list of steps at the top of each page: done ones are links, the current one is marked. */
  private stepNav(s: SetupTexts, current: SetupStep, saved: number, seriesId: string | null) {
    const index = SETUP_STEPS.indexOf(current);
    return {
      number: index + 1,
      count: SETUP_STEPS.length,
      name: s[`step_${current}`],
      list: SETUP_STEPS.map((x, i) => ({
        name: s[`step_${x}`],
        number: i + 1,
        current: x === current,
        done: i < saved && x !== current,
        // A step is open once the steps before it are saved (the basics exist once the series does).
        href: seriesId && i <= saved && x !== current ? `/series/${seriesId}/setup/${x}` : '',
      })),
    };
  }

  /** Marks a step done and says which one comes next; the units step needs a unit in the rotation. */
  async continue(seriesId: string, body: unknown): Promise<SetupStep> {
    const { step } = formValues(body, ['step']);
    const index = SETUP_STEPS.indexOf(step as SetupStep);
    if (index < 0 || step === 'start')
      throw new FormRejected({ form: 'continue', values: { step }, errors: { step: 'invalid' } });
    if (step === 'units' && !(await this.hasActiveUnit(seriesId))) {
      throw new FormRejected({ form: 'continue-units', values: {}, errors: { rotation: 'required' } });
    }
    await this.series.setupStepDone(seriesId, index + 1);
    return SETUP_STEPS[index + 1];
  }

  async savePublic(seriesId: string, body: unknown): Promise<void> {
    const { publicFeedback } = formValues(body, ['publicFeedback']);
    await this.series.update(seriesId, { publicFeedback: publicFeedback === '1' });
    await this.series.setupStepDone(seriesId, SETUP_STEPS.indexOf('public') + 1);
  }

  /**
   * Starts the rotation and proposes the first meeting at once (its agenda starts with the standing
   * topics); the coordinators get the proposal's email as from the worker. Null when no date could be
   * found (the series is started all the same: the worker tries again).
   */
  async start(seriesId: string): Promise<string | null> {
    if (!(await this.hasActiveUnit(seriesId)))
      throw new FormRejected({ form: 'start', values: {}, errors: { rotation: 'required' } });
    await this.series.startRotation(seriesId);
    try {
      const { meeting } = await this.meetings.proposeNext(seriesId, undefined, true);
      return meeting.id;
    } catch (e) {
      if (e instanceof ConflictException) return null;
      throw e;
    }
  }

  private async hasActiveUnit(seriesId: string): Promise<boolean> {
    return (await this.rotation.status(seriesId)).some((r) => r.active);
  }
}
