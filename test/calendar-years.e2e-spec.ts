import Holidays from 'date-holidays';
import request from 'supertest';
import { createTestApp, TestApp } from '@kierto/testing';
import { MeetingCycle1795800500000 } from '../libs/database/src/migrations/1795800500000-MeetingCycle';

/**
 * The calendar is right every year: three years of meetings walked through the API (propose, confirm,
 * next) for monthly, two-monthly and three-monthly series, and every bad move refused without a
 * write or an email. "Today" is fixed at 2026-11-25.
 */
const fiDays = new Holidays('FI');
const nonMeetingDays = new Set(
  [2026, 2027, 2028, 2029, 2030].flatMap((y) =>
    fiDays
      .getHolidays(y)
      .filter((h) => h.type === 'public' || h.type === 'bank')
      .map((h) => h.date.slice(0, 10)),
  ),
);
const weekdayOf = (iso: string) => ((new Date(`${iso}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;

describe('the calendar over three years (e2e)', () => {
  let t: TestApp;
  let auth: string;
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp();
    auth = (await t.coordinator('calendar@example.test', 'Kaisa Koordinaattori')).auth;
  });
  afterAll(() => t.close());

  const api = {
    get: (p: string) => request(t.http).get(p).set('Authorization', auth),
    post: (p: string, body: object = {}) => request(t.http).post(p).set('Authorization', auth).send(body),
    patch: (p: string, body: object) => request(t.http).patch(p).set('Authorization', auth).send(body),
    put: (p: string, body: object) => request(t.http).put(p).set('Authorization', auth).send(body),
  };

  async function series(
    cadenceMonths: number,
    dayRule: { nth: number; weekday: number },
    startTime = '14:00',
  ): Promise<{ id: string; units: string[] }> {
    n += 1;
    const s = await api
      .post('/api/v1/series', {
        name: `Kalenteri ${n}`,
        cadenceMonths,
        dayRule,
        startTime,
        durationMinutes: 120,
        invitationLeadDays: 14,
      })
      .expect(201);
    const units: string[] = [];
    for (const u of ['A', 'B', 'C']) {
      const res = await api
        .post('/api/v1/units', { name: `Kalenteri ${n} ${u}`, streetAddress: `Katu ${u} 1, Helsinki` })
        .expect(201);
      units.push(res.body.id as string);
    }
    await api.put(`/api/v1/series/${s.body.id}/rotation`, { unitIds: units }).expect(200);
    return { id: s.body.id as string, units };
  }

  const rules = [
    { name: 'last Friday', rule: { nth: -1, weekday: 5 } },
    { name: '4th Thursday', rule: { nth: 4, weekday: 4 } },
    { name: '4th Friday', rule: { nth: 4, weekday: 5 } },
    { name: '1st Monday', rule: { nth: 1, weekday: 1 } },
  ];
  const cases = [1, 2, 3].flatMap((cadence) => rules.map((r) => ({ ...r, cadence })));

  it.each(cases)(
    '$name every $cadence month(s): 12/cadence meetings in 2027, 2028 and 2029, none on a holiday, each saying why it moved',
    async ({ rule, cadence }) => {
      const { id } = await series(cadence, rule);
      type M = {
        date: string;
        startTime: string;
        cycle: { month: string; ruleDate: string };
        move: {
          kind: string;
          holidays: { date: string; name: string }[];
          text: Record<string, string>;
        } | null;
      };
      const seen: M[] = [];
      for (let i = 0; i < 60 && (seen.length === 0 || seen[seen.length - 1].date < '2030-01-01'); i++) {
        const next = await api.post(`/api/v1/series/${id}/meetings/next`).expect(201);
        const confirmed = await api.post(`/api/v1/meetings/${next.body.id}/confirm`).expect(200);
        seen.push(confirmed.body as M);
      }
      const perYear = (y: string) => seen.filter((m) => m.date.startsWith(y)).length;
      expect([perYear('2027'), perYear('2028'), perYear('2029')]).toEqual(Array(3).fill(12 / cadence));
      for (const [i, m] of seen.entries()) {
        expect([m.date, nonMeetingDays.has(m.date)]).toEqual([m.date, false]);
        expect([m.date, weekdayOf(m.date)]).toEqual([m.date, rule.weekday]);
        expect(m.date.slice(0, 7)).toBe(m.cycle.month);
        expect(m.startTime).toBe('14:00');
        if (i > 0) {
          const [py, pm] = seen[i - 1].cycle.month.split('-').map(Number);
          const [y, mo] = m.cycle.month.split('-').map(Number);
          expect(y * 12 + mo - (py * 12 + pm)).toBe(cadence);
        }
        if (m.date === m.cycle.ruleDate) {
          expect(m.move).toBeNull();
        } else {
          expect(m.move?.kind).toBe('holiday');
          expect(m.move?.holidays[0]).toEqual(
            expect.objectContaining({ date: m.cycle.ruleDate, name: expect.stringMatching(/^\p{Ll}/u) }),
          );
          expect(m.move?.text.fi).toMatch(
            /^Kokous on (viikkoa|kaksi viikkoa) (aiempana|myöhempänä) kuin tavallisesti, koska /,
          );
          expect(m.move?.text.sv).toMatch(/^Mötet är .* än vanligt, eftersom /);
          expect(m.move?.text.en).toMatch(/^The meeting is .* than usual, because /);
        }
      }
    },
    120_000,
  );

  it('moves Christmas Eve’s meeting a week earlier and says so in three languages', async () => {
    const { id } = await series(1, { nth: 4, weekday: 5 });
    let m: { date: string; move: unknown; rotation: { holidays: unknown[] } } | undefined;
    for (let i = 0; i < 14; i++) {
      const next = await api.post(`/api/v1/series/${id}/meetings/next`).expect(201);
      await api.post(`/api/v1/meetings/${next.body.id}/confirm`).expect(200);
      if (next.body.cycle.month === '2027-12') m = next.body;
    }
    expect(m).toMatchObject({
      date: '2027-12-17',
      cycle: { month: '2027-12', ruleDate: '2027-12-24' },
      move: {
        kind: 'holiday',
        holidays: [
          {
            date: '2027-12-24',
            name: 'jouluaatto',
            names: { fi: 'jouluaatto', sv: 'julafton', en: 'Christmas Eve' },
          },
          { date: '2027-12-31', name: 'uudenvuodenaatto' },
        ],
        text: {
          fi: 'Kokous on viikkoa aiempana kuin tavallisesti, koska 24.12. on jouluaatto ja 31.12. on uudenvuodenaatto.',
        },
      },
      rotation: { movedForHoliday: ['2027-12-24', '2027-12-31'] },
    });
  });

  describe('moves that make sense', () => {
    const mailJobs = async (meetingId: string) =>
      Number(
        (
          (await t.db.query(`SELECT count(*) AS n FROM mail_job WHERE meeting_id = $1`, [meetingId])) as {
            n: string;
          }[]
        )[0].n,
      );

    async function confirmedWithMember() {
      const s = await series(1, { nth: 2, weekday: 2 });
      const person = await api
        .post('/api/v1/people', { displayName: `Sari ${n}`, kind: 'staff', email: `sari${n}@example.test` })
        .expect(201);
      await api.put(`/api/v1/series/${s.id}/members/${person.body.id}`, {}).expect(200);
      const draft = await api.post(`/api/v1/series/${s.id}/meetings/next`).expect(201);
      const confirmed = await api.post(`/api/v1/meetings/${draft.body.id}/confirm`).expect(200);
      return { ...s, meeting: confirmed.body as { id: string; date: string; icalSequence: number } };
    }

    it.each([
      ['a date long past', { date: '2020-01-07' }, 'date'],
      ['yesterday', { date: '2026-11-24' }, 'date'],
      ['today at an hour already passed', { date: '2026-11-25', startTime: '08:00' }, 'startTime'],
      ['Christmas Day', { date: '2026-12-25' }, 'acknowledge'],
      ['Christmas Eve', { date: '2026-12-24' }, 'acknowledge'],
      ['the hour skipped when clocks go forward', { date: '2028-03-26', startTime: '03:30' }, 'startTime'],
      [
        'an acknowledgement that does not exist',
        { date: '2027-01-19', acknowledge: ['whatever'] },
        'acknowledge',
      ],
    ])(
      '%s: 400 naming %j, nothing written, nothing sent (confirmed and draft)',
      async (_name, body, field) => {
        const { id, meeting } = await confirmedWithMember();
        const jobs = await mailJobs(meeting.id);
        const res = await api.patch(`/api/v1/meetings/${meeting.id}`, body).expect(400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
          (field as string).toString(),
        ]);
        expect(res.body.errors[0].reasons[0].length).toBeGreaterThan(10);
        const after = await api.get(`/api/v1/meetings/${meeting.id}`).expect(200);
        expect([after.body.date, after.body.icalSequence]).toEqual([meeting.date, meeting.icalSequence]);
        expect(await mailJobs(meeting.id)).toBe(jobs);
        const draft = await api.post(`/api/v1/series/${id}/meetings/next`).expect(201);
        await api.patch(`/api/v1/meetings/${draft.body.id}`, body).expect(400);
        expect((await api.get(`/api/v1/meetings/${draft.body.id}`).expect(200)).body.date).toBe(
          draft.body.date,
        );
      },
    );

    it('a holiday needs "acknowledge": ["holiday"], and then the move says it was the coordinator’s choice', async () => {
      const { meeting } = await confirmedWithMember();
      const refused = await api.patch(`/api/v1/meetings/${meeting.id}`, { date: '2026-12-24' }).expect(400);
      expect(refused.body.needsAcknowledgement).toEqual(['holiday']);
      expect(refused.body.errors[0].reasons[0]).toMatch(/jouluaatto/);
      const moved = await api
        .patch(`/api/v1/meetings/${meeting.id}`, {
          date: '2026-12-24',
          acknowledge: ['holiday'],
          moveReason: 'Joulukahvit yhdessä',
        })
        .expect(200);
      expect(moved.body).toMatchObject({
        date: '2026-12-24',
        icalSequence: meeting.icalSequence + 1,
        move: {
          kind: 'coordinator',
          reason: 'Joulukahvit yhdessä',
          text: {
            fi: `Koordinaattori siirsi kokouksen tavalliselta päivältä ${fiDay(meeting.date)}: Joulukahvit yhdessä.`,
          },
        },
      });
    });

    it('the host’s blocked day and the day of another meeting need an acknowledgement too', async () => {
      const { id, units, meeting } = await confirmedWithMember();
      const draft = await api.post(`/api/v1/series/${id}/meetings/next`).expect(201);
      const other = await api.patch(`/api/v1/meetings/${draft.body.id}`, { date: meeting.date }).expect(400);
      expect(other.body.needsAcknowledgement).toEqual(['otherMeeting']);
      await api
        .patch(`/api/v1/meetings/${draft.body.id}`, { date: meeting.date, acknowledge: ['otherMeeting'] })
        .expect(200);
      const host = draft.body.host.id as string;
      expect(units).toContain(host);
      await api
        .post(`/api/v1/units/${host}/blackouts`, {
          startsOn: '2027-02-01',
          endsOn: '2027-02-28',
          reason: 'Remontti',
        })
        .expect(201);
      const blocked = await api
        .patch(`/api/v1/meetings/${draft.body.id}`, { date: '2027-02-16' })
        .expect(400);
      expect(blocked.body.needsAcknowledgement).toEqual(['unitUnavailable']);
    });

    it('a meeting that took place is recorded, not moved, and does not become "held" by an edit', async () => {
      const { id, meeting } = await confirmedWithMember();
      const saved = t.clock.current;
      t.clock.current = new Date(`${meeting.date}T23:00:00Z`);
      try {
        const res = await api.patch(`/api/v1/meetings/${meeting.id}`, { date: '2027-12-14' }).expect(400);
        expect(res.body.errors[0]).toEqual({
          field: 'date',
          reasons: [expect.stringMatching(/already taken place/)],
        });
        const rotation = await api.get(`/api/v1/series/${id}/rotation`).expect(200);
        expect(rotation.body.units.map((u: { hosted: number }) => u.hosted).sort()).toEqual([0, 0, 1]);
      } finally {
        t.clock.current = saved;
      }
      const rotation = await api.get(`/api/v1/series/${id}/rotation`).expect(200);
      expect(rotation.body.units.map((u: { hosted: number }) => u.hosted)).toEqual([0, 0, 0]);
    });

    it('a rule date and time in the spring-forward gap is proposed at the first valid time, and says so', async () => {
      const { id } = await series(1, { nth: -1, weekday: 7 }, '03:30');
      const dates: {
        date: string;
        startTime: string;
        move: { kind: string; text: { fi: string } } | null;
      }[] = [];
      for (let i = 0; i < 16; i++) {
        const next = await api.post(`/api/v1/series/${id}/meetings/next`).expect(201);
        await api.post(`/api/v1/meetings/${next.body.id}/confirm`).expect(200);
        dates.push(next.body);
      }
      // 28.3.2027 is Easter Sunday (moved to 21.3.); 26.3.2028 is the night clocks go forward.
      const march = dates.find((d) => d.date === '2028-03-26');
      expect(march).toMatchObject({ startTime: '04:00', move: { kind: 'startTime' } });
      expect(march?.move?.text.fi).toMatch(/^Kokous alkaa klo 4\.00 eikä 3\.30/);
      expect(dates.filter((d) => d !== march).every((d) => d.startTime === '03:30')).toBe(true);
    });

    it('an empty rotation is a 400 and keeps the rotation', async () => {
      const { id, units } = await series(1, { nth: 1, weekday: 2 });
      const res = await api.put(`/api/v1/series/${id}/rotation`, { unitIds: [] }).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['unitIds']);
      const rotation = await api.get(`/api/v1/series/${id}/rotation`).expect(200);
      expect(rotation.body.units.map((u: { unitId: string }) => u.unitId)).toEqual(units);
    });
  });
});

describe('the MeetingCycle migration on existing meetings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('gives each meeting the cycle of its recorded rule date (else of its own date)', async () => {
    const auth = (await t.coordinator()).auth;
    const s = await request(t.http)
      .post('/api/v1/series')
      .set('Authorization', auth)
      .send({
        name: 'Vanha',
        cadenceMonths: 1,
        dayRule: { nth: -1, weekday: 5 },
        startTime: '14:00',
        durationMinutes: 60,
      })
      .expect(201);
    const u = await request(t.http)
      .post('/api/v1/units')
      .set('Authorization', auth)
      .send({ name: 'Vanha A', streetAddress: 'Katu 1' })
      .expect(201);
    await request(t.http)
      .put(`/api/v1/series/${s.body.id}/rotation`)
      .set('Authorization', auth)
      .send({ unitIds: [u.body.id] })
      .expect(200);
    const a = await request(t.http)
      .post(`/api/v1/series/${s.body.id}/meetings/next`)
      .set('Authorization', auth)
      .expect(201);
    await request(t.http)
      .post(`/api/v1/meetings/${a.body.id}/confirm`)
      .set('Authorization', auth)
      .expect(200);
    const b = await request(t.http)
      .post(`/api/v1/series/${s.body.id}/meetings/next`)
      .set('Authorization', auth)
      .expect(201);
    const qr = t.db.createQueryRunner();
    await qr.startTransaction();
    try {
      const migration = new MeetingCycle1795800500000();
      await migration.down(qr);
      // As the old code wrote them: December's meeting moved into January, and one without a note.
      await qr.query(
        `UPDATE meeting SET local_date = '2027-01-08', rotation_note = jsonb_set(rotation_note, '{ruleDate}', '"2026-12-25"') WHERE id = $1`,
        [a.body.id],
      );
      await qr.query(`UPDATE meeting SET local_date = '2027-02-26', rotation_note = NULL WHERE id = $1`, [
        b.body.id,
      ]);
      await migration.up(qr);
      const rows: { id: string; cycle_month: string; rule_date: string }[] = await qr.query(
        `SELECT id, cycle_month, to_char(rule_date, 'YYYY-MM-DD') AS rule_date FROM meeting WHERE series_id = $1 ORDER BY number`,
        [s.body.id],
      );
      expect(rows.map((r) => [r.cycle_month, r.rule_date])).toEqual([
        ['2026-12', '2026-12-25'],
        ['2027-02', '2027-02-26'],
      ]);
    } finally {
      await qr.rollbackTransaction();
      await qr.release();
    }
  });
});

function fiDay(iso: string): string {
  const [, m, d] = iso.split('-').map(Number);
  return `${d}.${m}.`;
}
