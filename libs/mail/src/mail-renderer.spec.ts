import {
  escapeAttribute,
  MAIL_LANGUAGES,
  MailLanguage,
  MailRenderer,
  MEETING_MAIL_KINDS,
  MeetingMailKind,
  MeetingMailProps,
} from './mail-renderer';

const renderer = new MailRenderer();

const RSVP = {
  yes: 'https://kierto.example/rsvp/abc?answer=yes&t=1',
  no: 'https://kierto.example/rsvp/abc?answer=no&t=1',
  maybe: 'https://kierto.example/rsvp/abc?answer=maybe&t=1',
  page: 'https://kierto.example/rsvp/abc',
};

function props(
  kind: MeetingMailKind,
  language: MailLanguage,
  over: Partial<MeetingMailProps> = {},
): MeetingMailProps {
  const withRsvp = kind !== 'cancellation' && kind !== 'proposal-notice';
  return {
    kind,
    language,
    recipientName: 'Maija Virtanen',
    seriesName: 'Kiertävä kokous',
    meetingNumber: 7,
    startsAt: new Date('2027-01-12T12:00:00Z'), // 14.00 in Helsinki (EET)
    endsAt: new Date('2027-01-12T14:00:00Z'),
    timezone: 'Europe/Helsinki',
    host: {
      name: 'A-klinikka Kallio',
      streetAddress: 'Testikatu 1, 00500 Helsinki',
      accessibilityNotes: 'Esteetön sisäänkäynti pihan puolelta',
    },
    agenda: ['Seulakäytännöt yksiköissä', 'Lomaoikeudet ja kotiannokset'],
    rsvp: withRsvp ? RSVP : null,
    calendarUrl: 'https://kierto.example/cal/tok123.ics',
    unsubscribeUrl: 'https://kierto.example/unsubscribe/tok456',
    cancelReason: kind === 'cancellation' ? 'Järjestäjä on sairastunut' : null,
    previous:
      kind === 'update'
        ? {
            startsAt: new Date('2027-01-05T11:00:00Z'),
            endsAt: new Date('2027-01-05T13:00:00Z'),
            hostName: 'Sovatek',
            streetAddress: 'Vanhakatu 9, 00100 Helsinki',
          }
        : null,
    hostOverrideReason: null,
    manageUrl: kind === 'proposal-notice' ? 'https://kierto.example/meetings/42' : null,
    confirmCounts: kind === 'proposal-notice' ? { email: 27, other: 3 } : null,
    ...over,
  };
}

const EXPECTED: Record<
  MailLanguage,
  {
    weekday: string;
    date: string;
    time: string;
    subjects: Record<MeetingMailKind, string>;
    rsvp: [string, string, string];
    unsubscribe: string;
    agendaLater: string;
  }
> = {
  fi: {
    weekday: 'tiistai',
    date: '12.1.2027',
    time: 'klo 14.00–16.00',
    subjects: {
      invitation: 'Kutsu: Kiertävä kokous ti 12.1.2027 klo 14.00, A-klinikka Kallio',
      update: 'Muutos: Kiertävä kokous ti 12.1.2027 klo 14.00, A-klinikka Kallio',
      cancellation: 'Peruttu: Kiertävä kokous ti 12.1.2027 klo 14.00, A-klinikka Kallio',
      reminder: 'Muistutus: Kiertävä kokous ti 12.1.2027 klo 14.00, A-klinikka Kallio',
      'proposal-notice': 'Ehdotus: seuraava kokous ti 12.1.2027 klo 14.00, A-klinikka Kallio – vahvista',
    },
    rsvp: ['Tulen', 'En tule', 'Ehkä'],
    unsubscribe: 'Älä lähetä minulle enää sähköpostia tästä kokoussarjasta',
    agendaLater: 'Esityslista lähetetään myöhemmin.',
  },
  sv: {
    weekday: 'tisdag',
    date: '12.1.2027',
    time: 'kl. 14.00–16.00',
    subjects: {
      invitation: 'Inbjudan: Kiertävä kokous tis 12.1.2027 kl. 14.00, A-klinikka Kallio',
      update: 'Ändring: Kiertävä kokous tis 12.1.2027 kl. 14.00, A-klinikka Kallio',
      cancellation: 'Inställt: Kiertävä kokous tis 12.1.2027 kl. 14.00, A-klinikka Kallio',
      reminder: 'Påminnelse: Kiertävä kokous tis 12.1.2027 kl. 14.00, A-klinikka Kallio',
      'proposal-notice': 'Förslag: nästa möte tis 12.1.2027 kl. 14.00, A-klinikka Kallio – bekräfta',
    },
    rsvp: ['Jag kommer', 'Jag kommer inte', 'Kanske'],
    unsubscribe: 'Skicka inte mer e-post till mig om den här mötesserien',
    agendaLater: 'Föredragningslistan skickas senare.',
  },
  en: {
    weekday: 'Tuesday',
    date: '12 January 2027',
    time: '14:00–16:00',
    subjects: {
      invitation: 'Invitation: Kiertävä kokous Tue 12 Jan 2027 at 14:00, A-klinikka Kallio',
      update: 'Changed: Kiertävä kokous Tue 12 Jan 2027 at 14:00, A-klinikka Kallio',
      cancellation: 'Cancelled: Kiertävä kokous Tue 12 Jan 2027 at 14:00, A-klinikka Kallio',
      reminder: 'Reminder: Kiertävä kokous Tue 12 Jan 2027 at 14:00, A-klinikka Kallio',
      'proposal-notice':
        'Proposal: next meeting Tue 12 Jan 2027 at 14:00, A-klinikka Kallio – please confirm',
    },
    rsvp: ['Yes', 'No', 'Maybe'],
    unsubscribe: 'Do not send me any more email about this meeting series',
    agendaLater: 'The agenda will follow later.',
  },
};

const CASES = MAIL_LANGUAGES.flatMap((lang) => MEETING_MAIL_KINDS.map((kind) => [lang, kind] as const));
const WITH_RSVP = CASES.filter(([, kind]) => kind !== 'cancellation' && kind !== 'proposal-notice');
const WITH_AGENDA = CASES.filter(([, kind]) => kind !== 'cancellation');

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

describe('MailRenderer', () => {
  it.each(CASES)('%s %s: subject in the recipient language', (lang, kind) => {
    expect(renderer.render(props(kind, lang)).subject).toBe(EXPECTED[lang].subjects[kind]);
  });

  it.each(CASES)(
    '%s %s: html and text both state weekday, date, time, host, address, accessibility',
    (lang, kind) => {
      const { html, text } = renderer.render(props(kind, lang));
      const e = EXPECTED[lang];
      for (const body of [visibleText(html), text]) {
        expect(body).toContain(`${e.weekday} ${e.date}`);
        expect(body).toContain(e.time);
        expect(body).toContain('A-klinikka Kallio');
        expect(body).toContain('Testikatu 1, 00500 Helsinki');
        expect(body).toContain('Esteetön sisäänkäynti pihan puolelta');
        expect(body).toContain(e.unsubscribe);
        expect(body).not.toMatch(/liite|bilaga|attachment/i);
      }
      expect(html).toMatch(new RegExp(`^<!DOCTYPE html>\\s*<html lang="${lang}">`));
      expect(html).toContain('<h1>');
      expect(html).toContain(`href="${escapeAttribute('https://kierto.example/unsubscribe/tok456')}"`);
      expect(html).toContain(`href="${escapeAttribute('https://kierto.example/cal/tok123.ics')}"`);
      expect(text).toContain('https://kierto.example/unsubscribe/tok456');
      expect(text).toContain('https://kierto.example/cal/tok123.ics');
      expect(text).not.toMatch(/<[a-z/]/i);
    },
  );

  it.each(WITH_AGENDA)('%s %s: html and text list the agenda as it stands', (lang, kind) => {
    const { html, text } = renderer.render(props(kind, lang));
    expect(html).toContain('<li>Seulakäytännöt yksiköissä</li>');
    expect(html).toContain('<li>Lomaoikeudet ja kotiannokset</li>');
    expect(text).toContain('1. Seulakäytännöt yksiköissä');
    expect(text).toContain('2. Lomaoikeudet ja kotiannokset');
  });

  it.each(WITH_AGENDA)('%s %s: an empty agenda says it comes later', (lang, kind) => {
    const { html, text } = renderer.render(props(kind, lang, { agenda: [] }));
    expect(html).toContain(EXPECTED[lang].agendaLater);
    expect(text).toContain(EXPECTED[lang].agendaLater);
    expect(html).not.toContain('<ol>');
  });

  it.each(WITH_RSVP)('%s %s: RSVP answers are real links in html and present in text', (lang, kind) => {
    const { html, text } = renderer.render(props(kind, lang));
    const [yes, no, maybe] = EXPECTED[lang].rsvp;
    expect(html).toMatch(
      new RegExp(`<a href="${escapeRe(escapeAttribute(RSVP.yes))}"[^>]*>${escapeRe(yes)}</a>`),
    );
    expect(html).toMatch(
      new RegExp(`<a href="${escapeRe(escapeAttribute(RSVP.no))}"[^>]*>${escapeRe(no)}</a>`),
    );
    expect(html).toMatch(
      new RegExp(`<a href="${escapeRe(escapeAttribute(RSVP.maybe))}"[^>]*>${escapeRe(maybe)}</a>`),
    );
    expect(html).toContain(`href="${escapeAttribute(RSVP.page)}"`);
    expect(text).toContain(`${yes}: ${RSVP.yes}`);
    expect(text).toContain(`${no}: ${RSVP.no}`);
    expect(text).toContain(`${maybe}: ${RSVP.maybe}`);
    expect(text).toContain(RSVP.page);
  });

  it.each(MAIL_LANGUAGES)('%s: cancellation has no RSVP links and shows the reason', (lang) => {
    const { html, text } = renderer.render(props('cancellation', lang));
    expect(html).not.toContain('rsvp');
    expect(text).not.toContain('rsvp');
    expect(html).toContain('Järjestäjä on sairastunut');
    expect(text).toContain('Järjestäjä on sairastunut');
  });

  it.each(MAIL_LANGUAGES)('%s: update shows the previous and the new time and place', (lang) => {
    const { html, text } = renderer.render(props('update', lang));
    const previousDate = { fi: 'tiistai 5.1.2027', sv: 'tisdag 5.1.2027', en: 'Tuesday 5 January 2027' }[
      lang
    ];
    const previousTime = { fi: 'klo 13.00–15.00', sv: 'kl. 13.00–15.00', en: '13:00–15:00' }[lang];
    const e = EXPECTED[lang];
    expect(text).toContain(`${previousDate} ${previousTime} → ${e.weekday} ${e.date} ${e.time}`);
    expect(text).toContain(
      'Sovatek, Vanhakatu 9, 00100 Helsinki → A-klinikka Kallio, Testikatu 1, 00500 Helsinki',
    );
    expect(html).toContain(`<del>${previousDate} ${previousTime}</del>`);
    expect(html).toContain('<del>Sovatek, Vanhakatu 9, 00100 Helsinki</del>');
  });

  it('update with only a time change does not claim the place changed', () => {
    const p = props('update', 'fi');
    const { text } = renderer.render({
      ...p,
      previous: { ...p.previous!, hostName: p.host.name, streetAddress: p.host.streetAddress },
    });
    expect(text).toContain('Aika: tiistai 5.1.2027 klo 13.00–15.00 →');
    expect(text).not.toContain('Paikka: A-klinikka Kallio, Testikatu 1, 00500 Helsinki →');
  });

  it('proposal-notice links to the confirm page and shows a host override reason', () => {
    const { html, text } = renderer.render(
      props('proposal-notice', 'fi', { hostOverrideReason: 'Tukikohdan tilat remontissa' }),
    );
    expect(html).toContain('<a href="https://kierto.example/meetings/42"');
    expect(text).toContain('https://kierto.example/meetings/42');
    expect(text).toContain('kutsut lähtevät 27 henkilölle');
    expect(text).toContain('3 henkilöä pitää tavoittaa muuten (ei sähköpostia tai suostumusta)');
    expect(text).not.toContain('/api/');
    expect(html).toContain('Tukikohdan tilat remontissa');
    expect(text).toContain('Tukikohdan tilat remontissa');
  });

  it('shows summer time correctly (EEST)', () => {
    const { text } = renderer.render(
      props('invitation', 'fi', {
        startsAt: new Date('2027-06-15T11:00:00Z'),
        endsAt: new Date('2027-06-15T13:00:00Z'),
      }),
    );
    expect(text).toContain('tiistai 15.6.2027');
    expect(text).toContain('klo 14.00–16.00');
  });

  it('plain text keeps one fact per line (guards the .txt.hbs layout)', () => {
    const { text } = renderer.render(props('invitation', 'fi'));
    expect(text).toContain(
      [
        'Aika ja paikka',
        'Päivä: tiistai 12.1.2027',
        'Aika: klo 14.00–16.00',
        'Paikka: A-klinikka Kallio',
        'Osoite: Testikatu 1, 00500 Helsinki',
        'Esteettömyys: Esteetön sisäänkäynti pihan puolelta',
        '',
        'Tuletko?',
        'Vastaa yhdellä klikkauksella:',
        `- Tulen: ${RSVP.yes}`,
      ].join('\n'),
    );
    expect(text).not.toMatch(/\n{3}/);
  });

  it('says so when there are no accessibility notes', () => {
    const p = props('invitation', 'fi');
    const { text } = renderer.render({ ...p, host: { ...p.host, accessibilityNotes: null } });
    expect(text).toContain('Esteettömyys: Ei tietoa.');
  });

  it('escapes user data in html, keeps it readable in text', () => {
    const evil = '<script>alert("x")</script>';
    const p = props('update', 'fi', {
      recipientName: evil,
      seriesName: `Sarja ${evil}`,
      agenda: [evil],
      cancelReason: evil,
      hostOverrideReason: evil,
    });
    const { html, text, subject } = renderer.render({
      ...p,
      host: { name: `Yksikkö ${evil}`, streetAddress: evil, accessibilityNotes: evil },
    });
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(text).toContain(`Hei ${evil},`);
    expect(subject).toContain(`Yksikkö ${evil}`);
  });

  it('refuses non-http links', () => {
    expect(() =>
      renderer.render(props('invitation', 'fi', { rsvp: { ...RSVP, yes: 'javascript:alert(1)' } })),
    ).toThrow(/http/);
  });

  describe('strict mode: a missing required field throws', () => {
    const base = props('invitation', 'fi');
    const without = <T extends object>(o: T, key: keyof T): T => {
      const copy = { ...o };
      delete copy[key];
      return copy;
    };

    it('renders the complete props', () => {
      expect(() => renderer.render(base)).not.toThrow();
    });

    // Handlebars strict mode itself ("x" not defined in …).
    it.each(['recipientName', 'seriesName', 'meetingNumber'] as const)('without %s (strict mode)', (key) => {
      expect(() => renderer.render(without(base, key))).toThrow(new RegExp(`"${key}" not defined`));
    });

    it.each(['name', 'streetAddress'] as const)('without host.%s (strict mode)', (key) => {
      expect(() => renderer.render({ ...base, host: without(base.host, key) })).toThrow(
        new RegExp(`"${key}" not defined`),
      );
    });

    // Fields only used in {{#if}}/{{#each}}, which strict mode does not check: the renderer does.
    it.each(['agenda', 'rsvp', 'calendarUrl', 'unsubscribeUrl'] as const)(
      'without %s (explicit check)',
      (key) => {
        expect(() => renderer.render(without(base, key))).toThrow(new RegExp(`props\\.${key} is missing`));
      },
    );

    it('without host.accessibilityNotes (explicit check)', () => {
      expect(() => renderer.render({ ...base, host: without(base.host, 'accessibilityNotes') })).toThrow(
        /props\.host\.accessibilityNotes is missing/,
      );
    });

    it('without rsvp.maybe', () => {
      expect(() => renderer.render({ ...base, rsvp: without(RSVP, 'maybe') })).toThrow();
    });

    it('with an invalid date or zone', () => {
      expect(() => renderer.render({ ...base, startsAt: new Date('nope') })).toThrow(/startsAt/);
      expect(() => renderer.render({ ...base, timezone: 'Mars/Olympus' })).toThrow(/time zone/);
    });
  });
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
