import ICAL from 'ical.js';
import { buildFeedIcs, buildInviteIcs, IcsEventInput } from './ics';

const TZ = 'Europe/Helsinki';

function event(overrides: Partial<IcsEventInput> = {}): IcsEventInput {
  return {
    uid: 'meeting-42@kierto.example',
    sequence: 3,
    startsAt: new Date('2027-01-12T12:00:00Z'),
    endsAt: new Date('2027-01-12T14:00:00Z'),
    timezone: TZ,
    summary: 'Kiertävä kokous 7',
    description: 'Esityslista:\n1. Seulakäytännöt; lomaoikeudet',
    location: 'A-klinikka, Testikatu 1, 00100 Helsinki',
    url: 'https://kierto.example/m/42',
    status: 'CONFIRMED',
    organizer: { name: 'Kierto-koordinaattori', email: 'coordinator@kierto.example' },
    attendee: { name: 'Matti Meikäläinen', email: 'matti@example.fi' },
    ...overrides,
  };
}

function parse(ics: string): ICAL.Component {
  return new ICAL.Component(ICAL.parse(ics));
}

/** Registers the VTIMEZONEs of this calendar only, so a missing block makes the UTC check fail. */
function eventsOf(cal: ICAL.Component): ICAL.Event[] {
  ICAL.TimezoneService.reset();
  for (const vtz of cal.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(vtz);
  }
  return cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

describe('buildInviteIcs', () => {
  it('writes METHOD:REQUEST with UID, SEQUENCE, LOCATION, STATUS and CRLF line ends', () => {
    const ics = buildInviteIcs('REQUEST', event());
    expect(ics).toMatch(/\r\n/);
    expect(ics.split('\r\n').every((line) => Buffer.byteLength(line, 'utf8') <= 75)).toBe(true);
    const cal = parse(ics);
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    const [ev] = eventsOf(cal);
    expect(ev.uid).toBe('meeting-42@kierto.example');
    expect(ev.sequence).toBe(3);
    expect(ev.location).toBe('A-klinikka, Testikatu 1, 00100 Helsinki');
    expect(ev.summary).toBe('Kiertävä kokous 7');
    expect(ev.description).toBe('Esityslista:\n1. Seulakäytännöt; lomaoikeudet');
    expect(ev.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(ev.component.getFirstPropertyValue('url')).toBe('https://kierto.example/m/42');
  });

  it('writes DTSTAMP in UTC and LAST-MODIFIED when given', () => {
    const before = Date.now();
    const ics = buildInviteIcs('REQUEST', event({ lastModified: new Date('2026-12-01T08:30:00Z') }));
    expect(ics).toMatch(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/);
    const [ev] = eventsOf(parse(ics));
    const stamp = (ev.component.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().getTime();
    expect(stamp).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(stamp).toBeLessThanOrEqual(Date.now());
    const lm = ev.component.getFirstPropertyValue('last-modified') as ICAL.Time;
    expect(lm.toJSDate().toISOString()).toBe('2026-12-01T08:30:00.000Z');
  });

  it.each([
    [
      'winter (EET, +02)',
      '2027-01-12T12:00:00Z',
      '2027-01-12T14:00:00Z',
      '20270112T140000',
      '20270112T160000',
    ],
    [
      'summer (EEST, +03)',
      '2027-06-15T11:00:00Z',
      '2027-06-15T13:00:00Z',
      '20270615T140000',
      '20270615T160000',
    ],
  ])(
    '%s: DTSTART has TZID=Europe/Helsinki, shows 14:00 local and converts back to startsAt',
    (_l, s, e, localS, localE) => {
      const ics = buildInviteIcs('REQUEST', event({ startsAt: new Date(s), endsAt: new Date(e) }));
      expect(ics).toContain(`\r\nDTSTART;TZID=Europe/Helsinki:${localS}\r\n`);
      expect(ics).toContain(`\r\nDTEND;TZID=Europe/Helsinki:${localE}\r\n`);
      const cal = parse(ics);
      const vtz = cal.getAllSubcomponents('vtimezone');
      expect(vtz.map((z) => z.getFirstPropertyValue('tzid'))).toEqual([TZ]);
      const [ev] = eventsOf(cal);
      expect(ev.component.getFirstProperty('dtstart')!.getParameter('tzid')).toBe(TZ);
      expect(ev.startDate.hour).toBe(14);
      expect(ev.startDate.minute).toBe(0);
      expect(ev.startDate.toJSDate().toISOString()).toBe(new Date(s).toISOString());
      expect(ev.endDate.toJSDate().toISOString()).toBe(new Date(e).toISOString());
    },
  );

  it('does not depend on the server time zone being the meeting zone', () => {
    // The spec runs with TZ=UTC; a zone-less formatting would print 12:00, not 14:00.
    const ics = buildInviteIcs('REQUEST', event());
    expect(ics).not.toContain('DTSTART;TZID=Europe/Helsinki:20270112T120000');
  });

  it('has exactly one ATTENDEE (the recipient) with CN, ROLE, PARTSTAT=NEEDS-ACTION, RSVP=TRUE', () => {
    const [ev] = eventsOf(parse(buildInviteIcs('REQUEST', event())));
    const attendees = ev.component.getAllProperties('attendee');
    expect(attendees).toHaveLength(1);
    const a = attendees[0];
    expect(String(a.getFirstValue()).toLowerCase()).toBe('mailto:matti@example.fi');
    expect(a.getParameter('cn')).toBe('Matti Meikäläinen');
    expect(a.getParameter('role')).toBe('REQ-PARTICIPANT');
    expect(a.getParameter('partstat')).toBe('NEEDS-ACTION');
    expect(a.getParameter('rsvp')).toBe('TRUE');
  });

  it('keeps a given PARTSTAT', () => {
    const [ev] = eventsOf(
      parse(
        buildInviteIcs(
          'REQUEST',
          event({ attendee: { name: 'M', email: 'm@example.fi', partstat: 'ACCEPTED' } }),
        ),
      ),
    );
    expect(ev.component.getFirstProperty('attendee')!.getParameter('partstat')).toBe('ACCEPTED');
  });

  it('has the ORGANIZER as mailto with CN', () => {
    const [ev] = eventsOf(parse(buildInviteIcs('REQUEST', event())));
    const org = ev.component.getFirstProperty('organizer')!;
    expect(String(org.getFirstValue()).toLowerCase()).toBe('mailto:coordinator@kierto.example');
    expect(org.getParameter('cn')).toBe('Kierto-koordinaattori');
  });

  it('CANCEL writes METHOD:CANCEL and STATUS:CANCELLED with the same UID and the given SEQUENCE', () => {
    const cal = parse(buildInviteIcs('CANCEL', event({ sequence: 4 })));
    expect(cal.getFirstPropertyValue('method')).toBe('CANCEL');
    const [ev] = eventsOf(cal);
    expect(ev.uid).toBe('meeting-42@kierto.example');
    expect(ev.sequence).toBe(4);
    expect(ev.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(ev.component.getAllProperties('attendee')).toHaveLength(1);
  });

  it('refuses an unknown time zone and an end before the start', () => {
    expect(() => buildInviteIcs('REQUEST', event({ timezone: 'Mars/Olympus' }))).toThrow(/time zone/);
    expect(() => buildInviteIcs('REQUEST', event({ endsAt: new Date('2027-01-12T11:00:00Z') }))).toThrow(
      /endsAt/,
    );
  });
});

describe('buildFeedIcs', () => {
  const events = [
    event({ uid: 'a@kierto', sequence: 0 }),
    event({
      uid: 'b@kierto',
      sequence: 2,
      startsAt: new Date('2027-06-15T11:00:00Z'),
      endsAt: new Date('2027-06-15T13:00:00Z'),
    }),
    event({ uid: 'c@kierto', sequence: 5, status: 'CANCELLED' }),
  ];

  it('has X-WR-CALNAME, no request/cancel METHOD, no ATTENDEE, one VTIMEZONE', () => {
    const ics = buildFeedIcs('Kiertävä kokous – Helsinki', events);
    const cal = parse(ics);
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('Kiertävä kokous – Helsinki');
    expect([null, 'PUBLISH']).toContain(cal.getFirstPropertyValue('method'));
    expect(ics).not.toMatch(/^ATTENDEE/m);
    expect(cal.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'))).toEqual([TZ]);
  });

  it('keeps every event with its UID, SEQUENCE, status and correct UTC start', () => {
    const evs = eventsOf(parse(buildFeedIcs('Kierto', events)));
    expect(evs).toHaveLength(3);
    expect(evs.map((e) => [e.uid, e.sequence])).toEqual([
      ['a@kierto', 0],
      ['b@kierto', 2],
      ['c@kierto', 5],
    ]);
    expect(evs.map((e) => e.component.getFirstPropertyValue('status'))).toEqual([
      'CONFIRMED',
      'CONFIRMED',
      'CANCELLED',
    ]);
    expect(evs.map((e) => e.startDate.toJSDate().toISOString())).toEqual(
      events.map((e) => e.startsAt.toISOString()),
    );
    expect(evs.every((e) => e.component.getAllProperties('attendee').length === 0)).toBe(true);
  });

  it('an empty feed is still a valid calendar', () => {
    const cal = parse(buildFeedIcs('Kierto', []));
    expect(cal.name).toBe('vcalendar');
    expect(cal.getAllSubcomponents('vevent')).toHaveLength(0);
  });
});

describe('iCalendar text safe for any name', () => {
  const hostile = [
    'Kokous "Itä"',
    'A;ROLE=CHAIR:mailto:evil@x.test',
    'Rinki, "Länsi"; osa\\2',
    'Rivi\nROLE=CHAIR;X="y"',
    'Ohjaus\u0000merkit\u0007\u001b[0m',
    'Caret ^ and ^n',
  ];

  it.each(hostile)('keeps ORGANIZER and the one ATTENDEE mailto: with no injected parameters: %j', (name) => {
    const ics = buildInviteIcs(
      'REQUEST',
      event({
        organizer: { name, email: 'coordinator@kierto.example' },
        attendee: { name, email: 'matti@example.fi' },
      }),
    );
    // eslint-disable-next-line no-control-regex
    expect(ics).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/);
    const [vevent] = parse(ics).getAllSubcomponents('vevent');
    const organizer = vevent.getFirstProperty('organizer') as ICAL.Property;
    expect(organizer.getFirstValue()).toBe('mailto:coordinator@kierto.example');
    const attendees = vevent.getAllProperties('attendee');
    expect(attendees).toHaveLength(1);
    expect(String(attendees[0].getFirstValue()).toLowerCase()).toBe('mailto:matti@example.fi');
    const params = (p: ICAL.Property) => Object.keys((p.toJSON() as [string, Record<string, unknown>])[1]);
    expect(params(organizer)).toEqual(['cn']);
    expect(params(attendees[0]).sort()).toEqual(['cn', 'partstat', 'role', 'rsvp']);
    expect(attendees[0].getParameter('role')).toBe('REQ-PARTICIPANT');
    // RFC 6868: a quote is ^' and reads back as a quote; no backslash escapes inside "…".
    const cn = String(organizer.getParameter('cn'));
    const expected = name
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
      .replace(/\s*\n\s*/g, ' ')
      .replace(/\\/g, '');
    expect(cn).toBe(expected);
    expect(String(attendees[0].getParameter('cn'))).toBe(expected);
  });

  it.each(hostile)('round-trips SUMMARY, LOCATION and DESCRIPTION: %j', (name) => {
    const ics = buildInviteIcs(
      'REQUEST',
      event({ summary: `${name} #3`, location: `${name}, Katu 1; B`, description: `${name}\nrivi 2, \\ ;` }),
    );
    const [ev] = eventsOf(parse(ics));
    // eslint-disable-next-line no-control-regex
    const clean = (v: string) => v.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
    const oneLine = (v: string) => clean(v).replace(/\s*\n\s*/g, ' ');
    expect(ev.summary).toBe(oneLine(`${name} #3`));
    expect(ev.location).toBe(oneLine(`${name}, Katu 1; B`));
    expect(ev.description).toBe(clean(`${name}\nrivi 2, \\ ;`));
    expect(ev.component.getAllProperties().map((p) => p.name)).not.toContain('role');
  });

  it('a series called Kokous "Itä" makes a feed every event of which parses', () => {
    const ics = buildFeedIcs('Kierto', [
      event({ organizer: { name: 'Kokous "Itä"', email: 'coordinator@kierto.example' }, attendee: null }),
    ]);
    const [vevent] = parse(ics).getAllSubcomponents('vevent');
    expect(vevent.getFirstPropertyValue('organizer')).toBe('mailto:coordinator@kierto.example');
    expect(vevent.getFirstProperty('organizer')?.getParameter('cn')).toBe('Kokous "Itä"');
  });
});
