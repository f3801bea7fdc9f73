import * as fs from 'node:fs';
import * as path from 'node:path';
import Handlebars from 'handlebars';
import { DateTime } from 'luxon';
import {
  HANDOVER_CHECKLIST_KEYS,
  NOTICE_KIND_STRING_KEYS,
  NOTICE_SHARED_STRING_KEYS,
  NOTICE_STRING_KEYS,
  noticeView,
  StatusWords,
} from './notice-view';
import { NOTICE_ACTION_STATUSES, NOTICE_KINDS, NoticeData, NoticeKind } from './notice.types';

export type MailLanguage = 'fi' | 'sv' | 'en';
export type MeetingMailKind = 'invitation' | 'update' | 'cancellation' | 'reminder' | 'proposal-notice';

export interface MeetingMailProps {
  kind: MeetingMailKind;
  language: MailLanguage;
  recipientName: string;
  seriesName: string;
  meetingNumber: number;
  /** Shown as local date, weekday and time in `timezone`, in the recipient's language. */
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  host: { name: string; streetAddress: string; accessibilityNotes: string | null };
  /** Agenda item titles as they stand; empty: the mail says the agenda comes later. */
  agenda: string[];
  /** One-click answer links; null for cancellation and proposal-notice. */
  rsvp: {
    yes: string;
    no: string;
    maybe: string;
    page: string;
    /** The person's own pages behind the same link: propose a topic, read minutes. */
    home?: string;
  } | null;
  /** Personal subscribable calendar. */
  calendarUrl: string | null;
  unsubscribeUrl: string | null;
  /** For cancellation. */
  cancelReason?: string | null;
  /** For update: what it was before. */
  previous?: { startsAt: Date; endsAt: Date; hostName: string; streetAddress: string } | null;
  hostOverrideReason?: string | null;
  /** Why the meeting is not on its usual day or time, one sentence in the recipient's language. */
  whyDate?: string | null;
  /** Proposal-notice (to coordinators): link to the meeting page, where the Confirm button is. */
  manageUrl?: string | null;
  /** Proposal-notice: who confirming would invite by email, and who must be reached another way. */
  confirmCounts?: { email: number; other: number } | null;
}

/** A notice (minutes, action items, proposals, handover): its data as the outbox row stores it. */
export interface NoticeMailProps<K extends NoticeKind = NoticeKind> {
  kind: K;
  language: MailLanguage;
  recipientName: string;
  data: NoticeData[K];
  unsubscribeUrl: string | null;
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

export const MAIL_LANGUAGES: readonly MailLanguage[] = ['fi', 'sv', 'en'];
export const MEETING_MAIL_KINDS: readonly MeetingMailKind[] = [
  'invitation',
  'update',
  'cancellation',
  'reminder',
  'proposal-notice',
];

/** Strings that both families use; they may refer only to `recipientName` and `seriesName`. */
const COMMON_STRING_KEYS = [
  'greeting',
  'detailsHeading',
  'labelDate',
  'labelTime',
  'labelPlace',
  'labelAddress',
  'labelBefore',
  'labelNow',
  'calendarLink',
  'unsubscribeLink',
  'sentBy',
] as const;

const MEETING_STRING_KEYS = [
  ...MEETING_MAIL_KINDS.map((k) => `subject.${k}` as const),
  ...MEETING_MAIL_KINDS.map((k) => `intro.${k}` as const),
  'title',
  'cancelledDetailsHeading',
  'labelAccessibility',
  'noAccessibility',
  'changeHeading',
  'hostOverrideLabel',
  'cancelReasonLabel',
  'agendaHeading',
  'agendaLater',
  'rsvpHeading',
  'rsvpHelp',
  'rsvpYes',
  'rsvpNo',
  'rsvpMaybe',
  'rsvpPage',
  'rsvpHome',
  'manageHeading',
  'manageLink',
  'manageHelp',
  'confirmEffect',
] as const;

/** Every key of `templates/strings.json`; each language must have exactly these. */
const STRING_KEYS = [...COMMON_STRING_KEYS, ...MEETING_STRING_KEYS, ...NOTICE_STRING_KEYS] as const;
export type MailStringKey = (typeof STRING_KEYS)[number];
export type MailStrings = Record<MailStringKey, string>;

export interface DateFormats {
  locale: string;
  dateWithWeekday: string;
  time: string;
  timeRangePrefix: string;
  short: string;
}

const DATE_FORMATS: Record<MailLanguage, DateFormats> = {
  // tiistai 12.1.2027 · klo 14.00–16.00 · ti 12.1.2027 klo 14.00
  fi: {
    locale: 'fi',
    dateWithWeekday: 'cccc d.M.yyyy',
    time: 'H.mm',
    timeRangePrefix: 'klo ',
    short: "ccc d.M.yyyy 'klo' H.mm",
  },
  // tisdag 12.1.2027 · kl. 14.00–16.00 · tis 12.1.2027 kl. 14.00
  sv: {
    locale: 'sv',
    dateWithWeekday: 'cccc d.M.yyyy',
    time: 'H.mm',
    timeRangePrefix: 'kl. ',
    short: "ccc d.M.yyyy 'kl.' H.mm",
  },
  // Tuesday 12 January 2027 · 14:00–16:00 · Tue 12 Jan 2027 at 14:00
  en: {
    locale: 'en-GB',
    dateWithWeekday: 'cccc d LLLL yyyy',
    time: 'HH:mm',
    timeRangePrefix: '',
    short: "ccc d LLL yyyy 'at' HH:mm",
  },
};

export const TEMPLATES_DIR = path.join(__dirname, '..', 'templates');

type Template = Handlebars.TemplateDelegate;
type HandlebarsEnv = ReturnType<typeof Handlebars.create>;

/**
 * Renders the emails (subject, HTML and plain text) in the recipient's language: the meeting mails
 * and the notices, with one layout, one set of partials and one strings file.
 * Everything is compiled once in the constructor, on an isolated Handlebars instance in strict
 * mode: a missing field throws instead of silently rendering an empty string.
 */
export class MailRenderer {
  private readonly hb: HandlebarsEnv = Handlebars.create();
  private readonly htmlLayout: Template;
  private readonly textLayout: Template;
  private readonly htmlBodies = new Map<MeetingMailKind | NoticeKind, Template>();
  private readonly textBodies = new Map<MeetingMailKind | NoticeKind, Template>();
  private readonly strings = new Map<MailLanguage, Record<MailStringKey, Template>>();

  constructor() {
    this.registerHelpers();
    const read = (file: string) => fs.readFileSync(path.join(TEMPLATES_DIR, file), 'utf8');
    const html = (src: string) => this.hb.compile(src, { strict: true });
    const text = (src: string) => this.hb.compile(src, { strict: true, noEscape: true });

    const partialsDir = path.join(TEMPLATES_DIR, 'partials');
    for (const file of fs.readdirSync(partialsDir).sort()) {
      const src = fs.readFileSync(path.join(partialsDir, file), 'utf8');
      if (file.endsWith('.txt.hbs'))
        this.hb.registerPartial(`txt-${file.slice(0, -'.txt.hbs'.length)}`, text(src));
      else if (file.endsWith('.hbs')) this.hb.registerPartial(file.slice(0, -'.hbs'.length), html(src));
    }
    this.htmlLayout = html(read('layout.hbs'));
    this.textLayout = text(read('layout.txt.hbs'));
    for (const kind of [...MEETING_MAIL_KINDS, ...NOTICE_KINDS]) {
      this.htmlBodies.set(kind, html(read(`${kind}.hbs`)));
      this.textBodies.set(kind, text(read(`${kind}.txt.hbs`)));
    }

    const dictionary = JSON.parse(read('strings.json')) as Record<string, Record<string, unknown>>;
    for (const lang of MAIL_LANGUAGES) {
      const dict = dictionary[lang];
      if (!dict) throw new Error(`mail strings: language ${lang} missing`);
      const extra = Object.keys(dict).filter((k) => !(STRING_KEYS as readonly string[]).includes(k));
      if (extra.length) throw new Error(`mail strings: unknown keys in ${lang}: ${extra.join(', ')}`);
      const compiled = {} as Record<MailStringKey, Template>;
      for (const key of STRING_KEYS) {
        const value = dict[key];
        if (typeof value !== 'string' || !value.trim())
          throw new Error(`mail strings: ${lang}.${key} missing`);
        compiled[key] = text(value);
      }
      this.strings.set(lang, compiled);
    }
  }

  render(props: MeetingMailProps): RenderedMail {
    const htmlBody = this.htmlBodies.get(props.kind);
    const textBody = this.textBodies.get(props.kind);
    const strings = this.strings.get(props.language);
    if (!htmlBody || !textBody) throw new Error(`mail: unknown kind ${String(props.kind)}`);
    if (!strings) throw new Error(`mail: unknown language ${String(props.language)}`);
    // Strict mode throws on a missing field in {{value}} but not in {{#if value}}: the nullable
    // required fields are only used in conditions, so check that they are there (null is fine).
    requireKeys(props, 'props', ['rsvp', 'calendarUrl', 'unsubscribeUrl']);
    requireKeys(props.host, 'props.host', ['accessibilityNotes']);
    if (!Array.isArray(props.agenda)) throw new Error('mail: props.agenda is missing (use [] for none)');
    const formats = DATE_FORMATS[props.language];

    const start = local(props.startsAt, props.timezone, formats.locale, 'startsAt');
    const end = local(props.endsAt, props.timezone, formats.locale, 'endsAt');
    const when = describe(start, end, formats);

    const prev = props.previous ?? null;
    let previous: (ReturnType<typeof describe> & { hostName: string; streetAddress: string }) | null = null;
    let changes = { time: false, place: false, any: false };
    if (prev) {
      const ps = local(prev.startsAt, props.timezone, formats.locale, 'previous.startsAt');
      const pe = local(prev.endsAt, props.timezone, formats.locale, 'previous.endsAt');
      previous = { ...describe(ps, pe, formats), hostName: prev.hostName, streetAddress: prev.streetAddress };
      const time = ps.toMillis() !== start.toMillis() || pe.toMillis() !== end.toMillis();
      const place = prev.hostName !== props.host?.name || prev.streetAddress !== props.host?.streetAddress;
      changes = { time, place, any: time || place };
    }

    // Spread the props as they are: a missing required field stays missing, and strict mode throws.
    const stringContext = {
      ...props,
      whenShort: start.toFormat(formats.short),
      emailCount: props.confirmCounts?.email ?? 0,
      otherCount: props.confirmCounts?.other ?? 0,
    };
    const t = {} as Record<MailStringKey | 'intro' | 'subject', string>;
    for (const key of [...COMMON_STRING_KEYS, ...MEETING_STRING_KEYS]) t[key] = strings[key](stringContext);
    t.intro = t[`intro.${props.kind}`];
    t.subject = t[`subject.${props.kind}`];

    const view = {
      cancelReason: null,
      hostOverrideReason: null,
      whyDate: null,
      manageUrl: null,
      confirmCounts: null,
      ...props,
      lang: props.language,
      subject: t.subject,
      t,
      when,
      previous,
      changes,
    };
    const html = this.htmlLayout({ ...view, body: htmlBody(view) });
    const text = tidyText(this.textLayout({ ...view, body: textBody(view) }));
    return { subject: t.subject, html, text };
  }

  /** Renders a notice; throws on missing or malformed data (see noticeView). */
  renderNotice<K extends NoticeKind>(props: NoticeMailProps<K>): RenderedMail {
    const htmlBody = this.htmlBodies.get(props.kind);
    const textBody = this.textBodies.get(props.kind);
    const strings = this.strings.get(props.language);
    if (!htmlBody || !textBody || !(NOTICE_KINDS as readonly string[]).includes(props.kind))
      throw new Error(`mail: unknown notice ${String(props.kind)}`);
    if (!strings) throw new Error(`mail: unknown language ${String(props.language)}`);
    requireKeys(props, 'props', ['unsubscribeUrl']);
    const base = { recipientName: props.recipientName, seriesName: props.data?.seriesName };
    const words = Object.fromEntries(
      NOTICE_ACTION_STATUSES.map((s) => [s, strings[`status.${s}`](base)]),
    ) as StatusWords;
    const n = noticeView(props.kind, props.data, DATE_FORMATS[props.language], words);

    // Spread so that strict mode throws on a field the strings need and the notice lacks.
    const stringContext = { ...n, ...base };
    const t = {} as Record<MailStringKey | 'intro' | 'subject' | 'title' | 'link', string>;
    for (const key of [
      ...COMMON_STRING_KEYS,
      ...NOTICE_SHARED_STRING_KEYS,
      ...NOTICE_KIND_STRING_KEYS[props.kind],
    ])
      t[key] = strings[key](stringContext);
    const corrected = props.kind === 'minutes-published' && n.corrected === true;
    t.subject = corrected ? t['subject.minutes-corrected'] : t[`subject.${props.kind}`];
    t.title = t[`title.${props.kind}`];
    t.intro = t[`intro.${props.kind}`];
    t.link = t[`link.${props.kind}`];
    // Sentences chosen by the data: how soon an action is due, what was decided, the checklist.
    const pick = (key: unknown) => (typeof key === 'string' ? t[key as MailStringKey] : null);
    const chosen = {
      dueText: pick(n.dueKey),
      decisionText: pick(n.decision === undefined ? null : `decision.${String(n.decision)}`),
      checklist: props.kind === 'handover' ? HANDOVER_CHECKLIST_KEYS.map((k) => t[k]) : [],
    };

    const view = {
      lang: props.language,
      subject: t.subject,
      t,
      recipientName: props.recipientName,
      seriesName: props.data.seriesName,
      calendarUrl: null,
      unsubscribeUrl: props.unsubscribeUrl,
      n: { ...n, ...chosen },
    };
    const html = this.htmlLayout({ ...view, body: htmlBody(view) });
    const text = tidyText(this.textLayout({ ...view, body: textBody(view) }));
    return { subject: t.subject, html, text };
  }

  private registerHelpers(): void {
    const hb = this.hb;
    /** {{link url text ["class"]}}: an <a> with the URL and text escaped; only http(s) URLs. */
    hb.registerHelper('link', (url: unknown, label: unknown, ...rest: unknown[]) => {
      if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) {
        throw new Error(`mail: link must be an http(s) URL, got ${JSON.stringify(url)}`);
      }
      if (typeof label !== 'string') throw new Error('mail: link needs a text');
      const cls =
        rest.length > 1 && typeof rest[0] === 'string' ? ` class="${escapeAttribute(rest[0])}"` : '';
      return new hb.SafeString(`<a href="${escapeAttribute(url)}"${cls}>${hb.escapeExpression(label)}</a>`);
    });
    /** {{inc @index}}: 1-based numbering for plain-text lists. */
    hb.registerHelper('inc', (n: unknown) => Number(n) + 1);
  }
}

function requireKeys(obj: object | null | undefined, name: string, keys: string[]): void {
  if (!obj || typeof obj !== 'object') throw new Error(`mail: ${name} is missing`);
  for (const key of keys) {
    if (!(key in obj) || (obj as Record<string, unknown>)[key] === undefined) {
      throw new Error(`mail: ${name}.${key} is missing (use null for none)`);
    }
  }
}

/** Escapes a value for a double-quoted HTML attribute, leaving URLs otherwise readable. */
export function escapeAttribute(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function local(value: Date, zone: string, locale: string, field: string): DateTime {
  if (!(value instanceof Date) || Number.isNaN(value.getTime()))
    throw new Error(`mail: ${field} is not a valid date`);
  const dt = DateTime.fromJSDate(value, { zone }).setLocale(locale);
  if (!dt.isValid) throw new Error(`mail: invalid time zone ${String(zone)}`);
  return dt;
}

function describe(start: DateTime, end: DateTime, f: DateFormats) {
  const sameDay = start.hasSame(end, 'day');
  const endText = sameDay
    ? end.toFormat(f.time)
    : `${end.toFormat(f.dateWithWeekday)} ${f.timeRangePrefix}${end.toFormat(f.time)}`;
  return {
    weekday: start.toFormat('cccc'),
    date: start.toFormat(f.dateWithWeekday.replace(/^cccc /, '')),
    dateWithWeekday: start.toFormat(f.dateWithWeekday),
    time: `${f.timeRangePrefix}${start.toFormat(f.time)}–${endText}`,
  };
}

/** Plain text: no trailing spaces, at most one empty line in a row, one final newline. */
function tidyText(text: string): string {
  return `${text
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
