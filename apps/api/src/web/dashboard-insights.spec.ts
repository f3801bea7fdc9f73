import {
  barChart,
  closedOnTime,
  HealthMeeting,
  heldOnSchedule,
  practiceHealth,
  timelineLayout,
} from './dashboard-insights';

const meeting = (over: Partial<HealthMeeting> = {}): HealthMeeting => ({
  id: 'm1',
  number: 1,
  localDate: '2026-03-10',
  status: 'confirmed',
  ruleDate: '2026-03-10',
  movedForHoliday: 0,
  movedForNoHost: 0,
  serviceUsers: null,
  actions: [],
  ...over,
});

describe('heldOnSchedule', () => {
  it.each([
    ['confirmed on the rule date', {}, true],
    ['cancelled', { status: 'cancelled' as const }, false],
    ['a draft never confirmed', { status: 'draft' as const }, false],
    ['moved away from the rule date by hand', { localDate: '2026-03-17' }, false],
    ['moved for a holiday', { localDate: '2026-03-17', movedForHoliday: 1 }, false],
    ['moved for no host', { movedForNoHost: 1 }, false],
    ['held without a rotation note', { ruleDate: null }, true],
  ])('%s', (_name, over, expected) => {
    expect(heldOnSchedule(meeting(over))).toBe(expected);
  });
});

describe('closedOnTime', () => {
  const today = '2026-06-01';
  it('counts closed items and late open ones; not-yet-due and undated ones are left out', () => {
    expect(
      closedOnTime(
        [
          { dueDate: '2026-05-01', status: 'done', closedOn: '2026-04-30' }, // on time
          { dueDate: '2026-05-01', status: 'done', closedOn: '2026-05-01' }, // on the day: on time
          { dueDate: '2026-05-01', status: 'dropped', closedOn: '2026-05-02' }, // late
          { dueDate: '2026-05-01', status: 'open', closedOn: null }, // overdue
          { dueDate: '2026-07-01', status: 'in_progress', closedOn: null }, // not due yet
          { dueDate: '2026-07-01', status: 'done', closedOn: '2026-05-20' }, // early
          { dueDate: null, status: 'done', closedOn: '2026-05-20' }, // no due date
        ],
        today,
      ),
    ).toEqual({ counted: 5, onTime: 3 });
  });
});

describe('practiceHealth', () => {
  it('takes the last 12 meetings up to today, oldest first, and sums them', () => {
    const meetings = Array.from({ length: 14 }, (_, i) =>
      meeting({
        id: `m${i + 1}`,
        number: i + 1,
        // January 2025 … February 2026, one a month
        localDate: i < 12 ? `2025-${String(i + 1).padStart(2, '0')}-10` : `2026-0${i - 11}-10`,
        ruleDate: null,
        status: i === 3 ? 'cancelled' : 'confirmed',
        serviceUsers: i % 2 === 0 ? 4 : null,
      }),
    );
    meetings.push(meeting({ id: 'future', number: 15, localDate: '2027-01-01' }));
    const health = practiceHealth(meetings, '2026-06-01');
    expect(health.meetings).toBe(12);
    expect(health.rows[0].id).toBe('m3');
    expect(health.rows.at(-1)?.id).toBe('m14');
    expect(health.rows.map((r) => r.id)).not.toContain('future');
    expect(health.onSchedule).toBe(11);
    expect(health.rows.find((r) => r.id === 'm4')).toMatchObject({ cancelled: true, held: false });
    expect(health.serviceUsersAverage).toBe(4);
  });

  it('has no average without minutes', () => {
    expect(practiceHealth([meeting()], '2026-06-01').serviceUsersAverage).toBeNull();
  });
});

describe('barChart', () => {
  it('scales to the largest value, or to max, and marks missing values', () => {
    const chart = barChart([0, 5, null, 10], { width: 100, height: 50 });
    expect(chart.bars).toHaveLength(4);
    const [zero, five, missing, ten] = chart.bars;
    expect(ten.height).toBeGreaterThan(five.height);
    expect(five.height).toBeCloseTo(ten.height / 2, 0);
    expect(zero.height).toBe(1);
    expect(missing).toMatchObject({ missing: true, label: '' });
    expect(ten.y + ten.height).toBeCloseTo(chart.baseline, 5);
    const one = barChart([3], { width: 120, slots: 12 });
    expect(one.bars[0].width).toBeLessThanOrEqual(10);
    const pct = barChart([50], { max: 100, suffix: ' %' });
    expect(pct.bars[0].label).toBe('50 %');
    expect(pct.bars[0].height).toBeLessThan(pct.baseline - 14);
  });
});

describe('timelineLayout', () => {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  it('puts past hosts, coming meetings and blackouts on the unit rows, in time order', () => {
    const layout = timelineLayout(
      [
        { id: 'a', name: 'A', owed: 0, active: true },
        { id: 'b', name: 'B', owed: 1, active: true },
      ],
      [
        { hostUnitId: 'a', localDate: '2026-01-13', status: 'confirmed' },
        { hostUnitId: 'b', localDate: '2026-03-10', status: 'cancelled' },
        { hostUnitId: 'a', localDate: '2026-05-12', status: 'confirmed' },
        { hostUnitId: 'b', localDate: '2026-07-14', status: 'draft' },
      ],
      [{ unitId: 'b', startsOn: '2026-06-01', endsOn: '2026-06-30' }],
      '2026-06-01',
      months,
    );
    const [a, b] = layout.rows;
    expect(a.past.map((p) => p.date)).toEqual(['2026-01-13', '2026-05-12']);
    expect(a.past[0].x).toBeLessThan(a.past[1].x);
    expect(b.past).toEqual([]); // the cancelled meeting is not a turn
    expect(b.next).toEqual([expect.objectContaining({ date: '2026-07-14', status: 'draft' })]);
    expect(b.next[0].x).toBeGreaterThan(layout.todayX);
    expect(b.blackouts).toHaveLength(1);
    expect(b.blackouts[0].x).toBeGreaterThanOrEqual(layout.todayX);
    expect(b.blackouts[0].x + b.blackouts[0].width).toBeLessThan(b.next[0].x);
    expect(b.owed).toBe(1);
    expect(layout.from <= '2025-12-01').toBe(true);
    expect(layout.to >= '2026-09-01').toBe(true);
    expect(layout.ticks.find((tk) => tk.label === '2026')).toBeDefined();
    expect(Math.max(...layout.rows.flatMap((r) => r.past.map((p) => p.x)))).toBeLessThanOrEqual(layout.width);
  });
});
