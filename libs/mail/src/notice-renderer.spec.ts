import {
  escapeAttribute,
  MAIL_LANGUAGES,
  MailLanguage,
  MailRenderer,
  NoticeMailProps,
} from './mail-renderer';
import { absoluteNoticeUrl } from './notice-outbox.service';
import { NOTICE_KINDS, NoticeActionLine, NoticeData, NoticeKind } from './notice.types';

const renderer = new MailRenderer();
const UNSUBSCRIBE = 'https://kierto.example/unsubscribe/tok456?a=1&b=2';

const line = (over: Partial<NoticeActionLine> = {}): NoticeActionLine => ({
  title: 'Selvitä tilavaraukset',
  ownerUnit: 'A-klinikka Kallio',
  assigneeName: 'Maija Virtanen',
  dueDate: '2027-02-01',
  status: 'open',
  ...over,
});

/** One complete notice of each kind; user-written text in `text` so that escaping can be tested. */
function notices(text = (s: string) => s): { [K in NoticeKind]: NoticeData[K] } {
  const action = {
    ...line({ title: text('Selvitä tilavaraukset') }),
    description: text('Kysy talonmieheltä'),
  };
  return {
    'minutes-published': {
      seriesName: text('Kiertävä kokous'),
      meetingNumber: 7,
      meetingDate: '2027-01-12',
      hostName: text('A-klinikka Kallio'),
      version: 1,
      correctionNote: null,
      decisions: [text('Seulakäytännöt yhtenäistetään'), 'Seuraava kokous Jyväskylässä'],
      actionItems: [
        line({ title: text('Selvitä tilavaraukset') }),
        line({ title: 'Kirjoita ohje', ownerUnit: 'Sovatek', assigneeName: null, dueDate: null }),
      ],
      url: 'https://kierto.example/minutes/7',
    },
    'action-assigned': {
      seriesName: 'Kiertävä kokous',
      action,
      meetingNumber: 7,
      url: 'https://kierto.example/actions/1',
    },
    'action-due': {
      seriesName: 'Kiertävä kokous',
      action,
      daysLeft: 3,
      url: 'https://kierto.example/actions/1',
    },
    'proposal-decided': {
      seriesName: 'Kiertävä kokous',
      title: text('Kotiannokset lomilla'),
      decision: 'accepted',
      reason: text('Asia koskee kaikkia yksiköitä'),
      meetingDate: '2027-03-09',
      url: 'https://kierto.example/proposals/3',
    },
    'action-update': {
      seriesName: 'Kiertävä kokous',
      title: text('Selvitä tilavaraukset'),
      status: 'done',
      previousStatus: 'in_progress',
      publicOutcome: text('Kokoushuone on nyt esteetön.'),
      url: 'https://kierto.example/actions/1',
    },
    handover: {
      seriesName: 'Kiertävä kokous',
      meetingNumber: 8,
      startsAt: '2027-03-09T12:00:00Z', // 14.00 in Helsinki (EET)
      timezone: 'Europe/Helsinki',
      hostName: text('Sovatek'),
      streetAddress: text('Kauppakatu 2, 40100 Jyväskylä'),
      openActions: [line({ title: text('Selvitä tilavaraukset'), status: 'in_progress' })],
      pendingProposals: [text('Kotiannokset lomilla')],
      url: 'https://kierto.example/meetings/8',
    },
    'coordinator-handover': {
      seriesName: text('Kiertävä kokous'),
      fromName: text('Liisa Lähtijä'),
      meeting: {
        number: 8,
        startsAt: '2027-03-09T12:00:00Z',
        timezone: 'Europe/Helsinki',
        hostName: text('Sovatek'),
        streetAddress: text('Kauppakatu 2, 40100 Jyväskylä'),
        confirmed: false,
        url: 'https://kierto.example/meetings/m8',
      },
      openActions: [line({ title: text('Selvitä tilavaraukset'), status: 'in_progress' })],
      pendingProposals: [text('Kotiannokset lomilla')],
      minutesUrl: 'https://kierto.example/meetings/m7#minutes',
      settingsUrl: 'https://kierto.example/series/s1/settings',
      url: 'https://kierto.example/',
    },
  };
}

function props<K extends NoticeKind>(
  kind: K,
  language: MailLanguage,
  data: Partial<NoticeData[K]> = {},
): NoticeMailProps<K> {
  return {
    kind,
    language,
    recipientName: 'Anna',
    data: { ...notices()[kind], ...data },
    unsubscribeUrl: UNSUBSCRIBE,
  };
}

const EXPECTED: Record<
  MailLanguage,
  {
    subjects: Record<NoticeKind, string>;
    correctedSubject: string;
    meetingDate: string;
    dueDate: string;
    handoverTime: string;
    status: Record<NoticeActionLine['status'], string>;
    checklist: string[];
    noDecisions: string;
    noActions: string;
    noProposals: string;
    noDueDate: string;
    unsubscribe: string;
    owner: string;
  }
> = {
  fi: {
    subjects: {
      'minutes-published': 'Pöytäkirja: Kiertävä kokous, kokous 7 (12.1.2027)',
      'action-assigned': 'Uusi tehtävä: Selvitä tilavaraukset',
      'action-due': 'Muistutus tehtävästä: Selvitä tilavaraukset',
      'proposal-decided': 'Ehdotus on käsitelty: Kotiannokset lomilla',
      'action-update': 'Tehtävän tilanne: Selvitä tilavaraukset – tehty',
      handover: 'Teidän vuoronne järjestää kokous: Kiertävä kokous ti 9.3.2027 klo 14.00',
      'coordinator-handover': 'Olet nyt koordinaattori: Kiertävä kokous',
    },
    correctedSubject: 'Korjattu pöytäkirja: Kiertävä kokous, kokous 7 (12.1.2027)',
    meetingDate: 'tiistai 12.1.2027',
    dueDate: '1.2.2027',
    handoverTime: 'klo 14.00',
    status: { open: 'avoin', in_progress: 'työn alla', done: 'tehty', dropped: 'luovuttu' },
    checklist: ['Huone on tarpeeksi iso kaikille.', 'Kokouksessa ei puhuta kenenkään hoidon tiedoista.'],
    noDecisions: 'Kokouksessa ei tehty päätöksiä.',
    noActions: 'Kokouksessa ei sovittu tehtäviä.',
    noProposals: 'Odottavia ehdotuksia ei ole.',
    noDueDate: 'Ei määräaikaa',
    unsubscribe: 'Älä lähetä minulle enää sähköpostia tästä kokoussarjasta',
    owner: 'Vastuussa',
  },
  sv: {
    subjects: {
      'minutes-published': 'Protokoll: Kiertävä kokous, möte nr 7 (12.1.2027)',
      'action-assigned': 'Ny uppgift: Selvitä tilavaraukset',
      'action-due': 'Påminnelse om uppgift: Selvitä tilavaraukset',
      'proposal-decided': 'Förslaget är behandlat: Kotiannokset lomilla',
      'action-update': 'Uppgiftens läge: Selvitä tilavaraukset – klar',
      handover: 'Er tur att ordna mötet: Kiertävä kokous tis 9.3.2027 kl. 14.00',
      'coordinator-handover': 'Du är nu koordinator: Kiertävä kokous',
    },
    correctedSubject: 'Rättat protokoll: Kiertävä kokous, möte nr 7 (12.1.2027)',
    meetingDate: 'tisdag 12.1.2027',
    dueDate: '1.2.2027',
    handoverTime: 'kl. 14.00',
    status: { open: 'öppen', in_progress: 'pågår', done: 'klar', dropped: 'slopad' },
    checklist: ['Rummet är tillräckligt stort för alla.', 'På mötet pratar ingen om någons vård.'],
    noDecisions: 'Mötet fattade inga beslut.',
    noActions: 'Mötet kom inte överens om några uppgifter.',
    noProposals: 'Inga förslag väntar.',
    noDueDate: 'Ingen sista dag',
    unsubscribe: 'Skicka inte mer e-post till mig om den här mötesserien',
    owner: 'Ansvarig',
  },
  en: {
    subjects: {
      'minutes-published': 'Minutes: Kiertävä kokous, meeting 7 (12 January 2027)',
      'action-assigned': 'New task: Selvitä tilavaraukset',
      'action-due': 'Task reminder: Selvitä tilavaraukset',
      'proposal-decided': 'Proposal decided: Kotiannokset lomilla',
      'action-update': 'Task update: Selvitä tilavaraukset – done',
      handover: 'Your turn to host: Kiertävä kokous Tue 9 Mar 2027 at 14:00',
      'coordinator-handover': 'You are now the coordinator: Kiertävä kokous',
    },
    correctedSubject: 'Corrected minutes: Kiertävä kokous, meeting 7 (12 January 2027)',
    meetingDate: 'Tuesday 12 January 2027',
    dueDate: '1 February 2027',
    handoverTime: '14:00',
    status: { open: 'open', in_progress: 'in progress', done: 'done', dropped: 'dropped' },
    checklist: [
      'The room is big enough for everyone.',
      "Nobody talks about anyone's treatment in the meeting.",
    ],
    noDecisions: 'The meeting made no decisions.',
    noActions: 'The meeting agreed no tasks.',
    noProposals: 'No proposals are waiting.',
    noDueDate: 'No due date',
    unsubscribe: 'Do not send me any more email about this meeting series',
    owner: 'Responsible',
  },
};

/** The facts each kind must state, in html and in text alike. */
const FACTS: Record<NoticeKind, (lang: MailLanguage) => string[]> = {
  'minutes-published': (lang) => [
    EXPECTED[lang].meetingDate,
    'A-klinikka Kallio',
    'Seulakäytännöt yhtenäistetään',
    'Seuraava kokous Jyväskylässä',
    'Selvitä tilavaraukset',
    `${EXPECTED[lang].owner}: A-klinikka Kallio`,
    `${EXPECTED[lang].owner}: Sovatek`,
    EXPECTED[lang].dueDate,
    EXPECTED[lang].noDueDate,
  ],
  'action-assigned': (lang) => [
    'Selvitä tilavaraukset',
    'Kysy talonmieheltä',
    'A-klinikka Kallio',
    'Maija Virtanen',
    EXPECTED[lang].dueDate,
    EXPECTED[lang].status.open,
  ],
  'action-due': (lang) => [
    'Selvitä tilavaraukset',
    EXPECTED[lang].dueDate,
    {
      fi: 'Määräaika on 3 päivän päästä.',
      sv: 'Sista dagen är om 3 dagar.',
      en: 'The task is due in 3 days.',
    }[lang],
  ],
  'proposal-decided': (lang) => [
    'Kotiannokset lomilla',
    'Asia koskee kaikkia yksiköitä',
    { fi: 'Ehdotus hyväksyttiin.', sv: 'Förslaget godkändes.', en: 'The proposal was accepted.' }[lang],
    { fi: 'tiistai 9.3.2027', sv: 'tisdag 9.3.2027', en: 'Tuesday 9 March 2027' }[lang],
  ],
  'action-update': (lang) => [
    'Kokoushuone on nyt esteetön.',
    'Selvitä tilavaraukset',
    EXPECTED[lang].status.in_progress,
    EXPECTED[lang].status.done,
  ],
  handover: (lang) => [
    { fi: 'tiistai 9.3.2027', sv: 'tisdag 9.3.2027', en: 'Tuesday 9 March 2027' }[lang],
    EXPECTED[lang].handoverTime,
    'Sovatek',
    'Kauppakatu 2, 40100 Jyväskylä',
    ...EXPECTED[lang].checklist,
    'Selvitä tilavaraukset',
    EXPECTED[lang].status.in_progress,
    'Kotiannokset lomilla',
  ],
  'coordinator-handover': (lang) => [
    'Liisa Lähtijä',
    { fi: 'tiistai 9.3.2027', sv: 'tisdag 9.3.2027', en: 'Tuesday 9 March 2027' }[lang],
    EXPECTED[lang].handoverTime,
    'Sovatek',
    'Kauppakatu 2, 40100 Jyväskylä',
    'Selvitä tilavaraukset',
    EXPECTED[lang].status.in_progress,
    'Kotiannokset lomilla',
  ],
};

const CASES = MAIL_LANGUAGES.flatMap((lang) => NOTICE_KINDS.map((kind) => [lang, kind] as const));

/** Text content of the HTML without tags, entities decoded, whitespace collapsed. */
function visibleText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('MailRenderer.renderNotice', () => {
  it.each(CASES)('%s %s: subject in the recipient language', (lang, kind) => {
    const { subject } = renderer.renderNotice(props(kind, lang));
    expect(subject.trim()).not.toBe('');
    expect(subject).toBe(EXPECTED[lang].subjects[kind]);
  });

  it.each(CASES)('%s %s: html and text state the key facts, with the layout and footer', (lang, kind) => {
    const { html, text } = renderer.renderNotice(props(kind, lang));
    const visible = visibleText(html);
    for (const fact of FACTS[kind](lang)) {
      expect(visible).toContain(fact);
      expect(text).toContain(fact);
    }
    for (const body of [visible, text]) {
      expect(body).toContain(EXPECTED[lang].unsubscribe);
      expect(body).not.toMatch(/undefined|\[object |\bnull\b/);
    }
    expect(html).toMatch(new RegExp(`^<!DOCTYPE html>\\s*<html lang="${lang}">`));
    expect(html).toContain('<h1>');
    expect(html).toContain(`<title>${escapeAttribute(EXPECTED[lang].subjects[kind])}</title>`);
    expect(html).toContain(`href="${escapeAttribute(UNSUBSCRIBE)}"`);
    expect(text).toContain(UNSUBSCRIBE);
    const url = notices()[kind].url as string;
    expect(html).toMatch(new RegExp(`<a href="${escapeRe(url)}">[^<]+</a>`));
    expect(text).toMatch(new RegExp(`: ${escapeRe(url)}$`, 'm'));
    expect(text).not.toMatch(/<[a-z/]/i);
    expect(text).not.toMatch(/\n{3}/);
  });

  it.each(CASES)('%s %s: a notice without a link has none', (lang, kind) => {
    const { html, text } = renderer.renderNotice({
      ...props(kind, lang),
      unsubscribeUrl: null,
      data: {
        ...notices()[kind],
        url: null,
        ...(kind === 'coordinator-handover' ? { meeting: null, minutesUrl: null, settingsUrl: null } : {}),
      },
    });
    expect(html).not.toContain('<a ');
    expect(text).not.toContain('https://');
  });

  it.each(CASES)('%s %s: user text is escaped in html and kept readable in text', (lang, kind) => {
    const evil = '<script>alert("x")</script>';
    const { html, text, subject } = renderer.renderNotice({
      kind,
      language: lang,
      recipientName: evil,
      data: notices((s) => `${s} ${evil}`)[kind],
      unsubscribeUrl: UNSUBSCRIBE,
    });
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(text).toContain(evil);
    if (kind !== 'handover') expect(subject).toContain(evil);
  });

  it.each(MAIL_LANGUAGES)(
    '%s coordinator-handover: links to the meeting, the minutes and the settings pages',
    (lang) => {
      const { html, text } = renderer.renderNotice(props('coordinator-handover', lang));
      for (const url of [
        'https://kierto.example/meetings/m8',
        'https://kierto.example/meetings/m7#minutes',
        'https://kierto.example/series/s1/settings',
      ]) {
        expect(html).toContain(`href="${url}"`);
        expect(text).toContain(url);
      }
    },
  );

  describe('minutes-published', () => {
    it.each(MAIL_LANGUAGES)('%s: a correction says so in the subject and shows what changed', (lang) => {
      const { subject, html, text } = renderer.renderNotice(
        props('minutes-published', lang, { version: 2, correctionNote: 'Päivämäärä korjattu' }),
      );
      expect(subject).toBe(EXPECTED[lang].correctedSubject);
      expect(text).toContain('Päivämäärä korjattu');
      expect(html).toContain('Päivämäärä korjattu');
      expect(text).toMatch(/\(\w* ?2\)/);
    });

    it.each(MAIL_LANGUAGES)('%s: says so when there are no decisions or action items', (lang) => {
      const { html, text } = renderer.renderNotice(
        props('minutes-published', lang, { decisions: [], actionItems: [] }),
      );
      for (const body of [visibleText(html), text]) {
        expect(body).toContain(EXPECTED[lang].noDecisions);
        expect(body).toContain(EXPECTED[lang].noActions);
      }
      expect(html).not.toContain('<ol>');
    });

    it('lists decisions and action items one per line in text', () => {
      const { text } = renderer.renderNotice(props('minutes-published', 'fi'));
      expect(text).toContain(
        [
          'Päätökset',
          '1. Seulakäytännöt yhtenäistetään',
          '2. Seuraava kokous Jyväskylässä',
          '',
          'Tehtävät',
          '1. Selvitä tilavaraukset',
          '   Vastuussa: A-klinikka Kallio',
          '   Tekijä: Maija Virtanen',
          '   Määräaika: 1.2.2027',
          '   Tilanne: avoin',
          '2. Kirjoita ohje',
          '   Vastuussa: Sovatek',
          '   Määräaika: Ei määräaikaa',
          '   Tilanne: avoin',
        ].join('\n'),
      );
    });
  });

  describe('action-due', () => {
    it.each([
      [10, 'Määräaika on 10 päivän päästä.'],
      [1, 'Määräaika on huomenna.'],
      [0, 'Määräaika on tänään.'],
      [-1, 'Määräaika oli eilen. Tehtävä on myöhässä.'],
      [-4, 'Määräaika oli 4 päivää sitten. Tehtävä on myöhässä.'],
    ])('%i days left: %s', (daysLeft, sentence) => {
      const { html, text } = renderer.renderNotice(props('action-due', 'fi', { daysLeft }));
      expect(text).toContain(sentence);
      expect(html).toContain(sentence);
    });

    it.each([
      [1, 'The task is due tomorrow.'],
      [-2, 'The task was due 2 days ago. It is late.'],
    ])('en, %i days left: %s', (daysLeft, sentence) => {
      expect(renderer.renderNotice(props('action-due', 'en', { daysLeft })).text).toContain(sentence);
    });
  });

  describe('proposal-decided', () => {
    it.each([
      ['accepted', 'Ehdotus hyväksyttiin. Asia otetaan kokouksen esityslistalle.'],
      ['merged', 'Ehdotus yhdistettiin toiseen samanlaiseen ehdotukseen.'],
      ['declined', 'Ehdotusta ei otettu esityslistalle.'],
    ] as const)('%s: %s', (decision, sentence) => {
      const { html, text } = renderer.renderNotice(
        props('proposal-decided', 'fi', { decision, reason: null, meetingDate: null }),
      );
      expect(text).toContain(sentence);
      expect(html).toContain(sentence);
      expect(text).not.toContain('Miksi');
      expect(text).not.toContain('Asiasta puhutaan kokouksessa');
    });
  });

  describe('action-update', () => {
    it.each(MAIL_LANGUAGES)('%s: the public outcome comes first, before the details', (lang) => {
      const { html, text } = renderer.renderNotice(props('action-update', lang));
      const outcome = 'Kokoushuone on nyt esteetön.';
      expect(html).toContain(`<p class="highlight"><strong>${outcome}</strong></p>`);
      expect(html.indexOf(outcome)).toBeLessThan(html.indexOf('<dl>'));
      expect(text.indexOf(outcome)).toBeLessThan(text.indexOf('Selvitä tilavaraukset'));
    });

    it.each(
      MAIL_LANGUAGES.flatMap((lang) =>
        (['open', 'in_progress', 'done', 'dropped'] as const).map((status) => [lang, status] as const),
      ),
    )('%s: status %s is a word of the recipient language', (lang, status) => {
      const { subject, text } = renderer.renderNotice(
        props('action-update', lang, { status, previousStatus: 'open', publicOutcome: null }),
      );
      const word = EXPECTED[lang].status[status];
      expect(subject.endsWith(`– ${word}`)).toBe(true);
      expect(text).toContain(`→ ${word}`);
      expect(text).not.toContain(status === 'in_progress' ? 'in_progress' : '_');
    });
  });

  describe('handover', () => {
    it.each(MAIL_LANGUAGES)('%s: lists the whole venue checklist', (lang) => {
      const { text } = renderer.renderNotice(props('handover', lang));
      expect(text.match(/^- \[ \] /gm)).toHaveLength(6);
    });

    it('shows summer time correctly (EEST)', () => {
      const { text } = renderer.renderNotice(props('handover', 'fi', { startsAt: '2027-06-15T11:00:00Z' }));
      expect(text).toContain('Päivä: tiistai 15.6.2027');
      expect(text).toContain('Aika: klo 14.00');
    });

    it.each(MAIL_LANGUAGES)('%s: says so when nothing is open or waiting', (lang) => {
      const { text } = renderer.renderNotice(
        props('handover', lang, { openActions: [], pendingProposals: [] }),
      );
      expect(text).toContain(EXPECTED[lang].noProposals);
    });
  });

  describe('bad data throws instead of sending a broken message', () => {
    it.each(NOTICE_KINDS)('%s without url (explicit check)', (kind) => {
      const data = { ...notices()[kind] } as Record<string, unknown>;
      delete data.url;
      expect(() => renderer.renderNotice({ ...props(kind, 'fi'), data } as NoticeMailProps)).toThrow(
        /notice\.url is missing/,
      );
    });

    it('an action item without dueDate', () => {
      const item = { ...line() } as Record<string, unknown>;
      delete item.dueDate;
      expect(() =>
        renderer.renderNotice(props('minutes-published', 'fi', { actionItems: [item as never] })),
      ).toThrow(/actionItems\[0\]\.dueDate is missing/);
    });

    it('an action without description', () => {
      const action = { ...line() };
      expect(() =>
        renderer.renderNotice(props('action-assigned', 'fi', { action: action as never })),
      ).toThrow(/action\.description is missing/);
    });

    it.each(['12.1.2027', '2027-13-01', '', null])('a meeting date %p', (meetingDate) => {
      expect(() =>
        renderer.renderNotice(props('minutes-published', 'fi', { meetingDate: meetingDate as string })),
      ).toThrow(/meetingDate must be a date/);
    });

    it('an unknown status or decision', () => {
      expect(() =>
        renderer.renderNotice(props('action-update', 'fi', { status: 'closed' as never })),
      ).toThrow(/status must be one of/);
      expect(() =>
        renderer.renderNotice(props('proposal-decided', 'fi', { decision: 'maybe' as never })),
      ).toThrow(/decision/);
    });

    it('an invalid instant or time zone', () => {
      expect(() => renderer.renderNotice(props('handover', 'fi', { startsAt: 'soon' }))).toThrow(/startsAt/);
      expect(() => renderer.renderNotice(props('handover', 'fi', { timezone: 'Mars/Olympus' }))).toThrow(
        /time zone/,
      );
    });

    it('a non-http link', () => {
      expect(() =>
        renderer.renderNotice(props('action-assigned', 'fi', { url: 'javascript:alert(1)' })),
      ).toThrow(/http/);
    });

    it('an unknown kind or a meeting kind', () => {
      expect(() =>
        renderer.renderNotice({
          ...props('handover', 'fi'),
          kind: 'invitation',
        } as unknown as NoticeMailProps),
      ).toThrow(/unknown notice/);
    });

    it('a missing seriesName (strict mode)', () => {
      const data = { ...notices()['action-update'] } as Record<string, unknown>;
      delete data.seriesName;
      expect(() =>
        renderer.renderNotice({ ...props('action-update', 'fi'), data } as NoticeMailProps),
      ).toThrow(/seriesName/);
    });
  });
});

describe('absoluteNoticeUrl', () => {
  it('makes a path of this application absolute and leaves other links alone', () => {
    const data = notices()['action-update'];
    expect(absoluteNoticeUrl({ ...data, url: '/actions/1' }, 'https://k.example').url).toBe(
      'https://k.example/actions/1',
    );
    expect(absoluteNoticeUrl(data, 'https://k.example').url).toBe('https://kierto.example/actions/1');
    expect(absoluteNoticeUrl({ ...data, url: null }, 'https://k.example').url).toBeNull();
  });
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
