/**
 * Pure computations behind the coordinator dashboard: the health of the practice over the last
 * meetings and the geometry of the small inline SVG charts (no script: the server draws them).
 */

export type HealthMeetingStatus = 'draft' | 'confirmed' | 'cancelled';

export interface HealthMeeting {
  id: string;
  number: number;
  /** YYYY-MM-DD in the series' time zone. */
  localDate: string;
  status: HealthMeetingStatus;
  /** The date the day rule gave (Meeting.rotationNote.ruleDate); null when not recorded. */
  ruleDate: string | null;
  movedForHoliday: number;
  movedForNoHost: number;
  /** From the newest minutes' attendance; null without minutes. */
  serviceUsers: number | null;
  actions: HealthAction[];
}

export interface HealthAction {
  dueDate: string | null;
  status: 'open' | 'in_progress' | 'done' | 'dropped';
  /** YYYY-MM-DD when closed (done or dropped), else null. */
  closedOn: string | null;
}

export interface HealthRow {
  id: string;
  number: number;
  localDate: string;
  held: boolean;
  onSchedule: boolean;
  cancelled: boolean;
  serviceUsers: number | null;
  /** Items of the meeting whose due date has come, or that are closed: how many closed in time. */
  actionsCounted: number;
  actionsOnTime: number;
}

export interface PracticeHealth {
  rows: HealthRow[];
  onSchedule: number;
  meetings: number;
  /** Mean of the meetings with minutes; null when none has. */
  serviceUsersAverage: number | null;
  actionsCounted: number;
  actionsOnTime: number;
}

/**
 * Held on schedule: confirmed (cancelled and never-confirmed meetings were not held), on the day
 * rule's date and not moved for a holiday or a missing host. A meeting without a rotation note
 * counts as on schedule when it was held.
 */
export function heldOnSchedule(m: HealthMeeting): boolean {
  if (m.status !== 'confirmed') return false;
  if (!m.ruleDate) return true;
  return m.localDate === m.ruleDate && m.movedForHoliday === 0 && m.movedForNoHost === 0;
}

/**
 * Action items closed within their due date. Items without a due date, and open items not due yet,
 * are not counted (they cannot be late yet).
 */
export function closedOnTime(actions: HealthAction[], today: string): { counted: number; onTime: number } {
  let counted = 0;
  let onTime = 0;
  for (const a of actions) {
    if (!a.dueDate) continue;
    const closed = a.status === 'done' || a.status === 'dropped';
    if (!closed && a.dueDate >= today) continue;
    counted += 1;
    if (closed && a.closedOn !== null && a.closedOn <= a.dueDate) onTime += 1;
  }
  return { counted, onTime };
}

/** The last `limit` meetings up to today, oldest first. */
export function practiceHealth(meetings: HealthMeeting[], today: string, limit = 12): PracticeHealth {
  const past = meetings
    .filter((m) => m.localDate <= today)
    .sort((a, b) => a.localDate.localeCompare(b.localDate) || a.number - b.number)
    .slice(-limit);
  const rows = past.map((m) => {
    const a = closedOnTime(m.actions, today);
    return {
      id: m.id,
      number: m.number,
      localDate: m.localDate,
      held: m.status === 'confirmed',
      onSchedule: heldOnSchedule(m),
      cancelled: m.status === 'cancelled',
      serviceUsers: m.serviceUsers,
      actionsCounted: a.counted,
      actionsOnTime: a.onTime,
    };
  });
  const withMinutes = rows.filter((r) => r.serviceUsers !== null);
  return {
    rows,
    onSchedule: rows.filter((r) => r.onSchedule).length,
    meetings: rows.length,
    serviceUsersAverage: withMinutes.length
      ? Math.round((withMinutes.reduce((s, r) => s + (r.serviceUsers ?? 0), 0) / withMinutes.length) * 10) /
        10
      : null,
    actionsCounted: rows.reduce((s, r) => s + r.actionsCounted, 0),
    actionsOnTime: rows.reduce((s, r) => s + r.actionsOnTime, 0),
  };
}

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Text above the bar ('' for a missing value). */
  label: string;
  labelX: number;
  labelY: number;
  missing: boolean;
}

export interface BarChart {
  width: number;
  height: number;
  baseline: number;
  bars: Bar[];
}

/**
 * A small bar chart, one bar per value; null values leave a gap with a short mark on the baseline.
 * `max` fixes the top of the scale (e.g. 100 for percentages); otherwise the largest value. Bars
 * start from the left.
 */
export function barChart(
  values: (number | null)[],
  opts: { width?: number; height?: number; max?: number; suffix?: string; slots?: number } = {},
): BarChart {
  const width = opts.width ?? 240;
  const height = opts.height ?? 80;
  const top = 14;
  const baseline = height - 2;
  // A fixed number of slots keeps one meeting's bar as narrow as twelve meetings' bars.
  const slots = Math.max(opts.slots ?? 0, values.length, 1);
  const slot = width / slots;
  const barWidth = Math.max(2, Math.round(slot * 0.7 * 10) / 10);
  const max = Math.max(opts.max ?? 0, ...values.map((v) => v ?? 0), 1);
  const bars = values.map((v, i) => {
    const x = Math.round((i * slot + (slot - barWidth) / 2) * 10) / 10;
    const h = v === null ? 2 : Math.max(v > 0 ? 2 : 1, Math.round((((baseline - top) * v) / max) * 10) / 10);
    return {
      x,
      y: Math.round((baseline - h) * 10) / 10,
      width: barWidth,
      height: h,
      label: v === null ? '' : `${v}${opts.suffix ?? ''}`,
      labelX: Math.round((x + barWidth / 2) * 10) / 10,
      labelY: Math.round((baseline - h - 3) * 10) / 10,
      missing: v === null,
    };
  });
  return { width, height, baseline, bars };
}

// ---- The rotation timeline ----

export interface TimelineUnit {
  id: string;
  name: string;
  owed: number;
  active: boolean;
}

export interface TimelineMeeting {
  hostUnitId: string;
  localDate: string;
  status: HealthMeetingStatus;
}

export interface TimelineBlackout {
  unitId: string;
  startsOn: string;
  endsOn: string;
}

export interface TimelineLayout {
  width: number;
  height: number;
  labelWidth: number;
  from: string;
  to: string;
  todayX: number;
  ticks: { x: number; label: string }[];
  rows: {
    unitId: string;
    name: string;
    owed: number;
    y: number;
    /** Middle of the row, for the markers. */
    cy: number;
    blackouts: { x: number; width: number }[];
    past: { x: number; date: string }[];
    next: { x: number; date: string; status: HealthMeetingStatus }[];
  }[];
}

const DAY = 86_400_000;
const days = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY;
const iso = (d: number) => new Date(d * DAY).toISOString().slice(0, 10);

/**
 * Rows per unit in rotation order; x is time. Past hosts are filled dots, coming meetings (after
 * today) rings; blackout periods are bands. The window covers the meetings shown and at least six
 * months back and three ahead, widened to whole months.
 */
export function timelineLayout(
  units: TimelineUnit[],
  meetings: TimelineMeeting[],
  blackouts: TimelineBlackout[],
  today: string,
  monthNames: string[],
): TimelineLayout {
  const shown = meetings.filter((m) => m.status !== 'cancelled');
  const dates = shown.map((m) => m.localDate);
  const t = days(today);
  const first = Math.min(t - 183, ...dates.map(days));
  const last = Math.max(t + 92, ...dates.map(days));
  const fromDate = new Date(first * DAY);
  const from = Date.UTC(fromDate.getUTCFullYear(), fromDate.getUTCMonth(), 1) / DAY;
  const lastDate = new Date(last * DAY);
  const to = Date.UTC(lastDate.getUTCFullYear(), lastDate.getUTCMonth() + 1, 1) / DAY;
  const width = 640;
  const labelWidth = 150;
  const plot = width - labelWidth - 10;
  const x = (d: number) => Math.round((labelWidth + ((d - from) / (to - from)) * plot) * 10) / 10;
  const rowHeight = 30;
  const top = 24;
  const ticks: TimelineLayout['ticks'] = [];
  for (let m = new Date(from * DAY); m.getTime() / DAY < to; m.setUTCMonth(m.getUTCMonth() + 1)) {
    const month = m.getUTCMonth();
    ticks.push({
      x: x(m.getTime() / DAY),
      label: month === 0 ? String(m.getUTCFullYear()) : month % 3 === 0 ? monthNames[month] : '',
    });
  }
  const rows = units.map((u, i) => {
    const y = top + i * rowHeight;
    const own = shown.filter((m) => m.hostUnitId === u.id);
    return {
      unitId: u.id,
      name: u.name,
      owed: u.owed,
      y,
      cy: y + rowHeight / 2,
      blackouts: blackouts
        .filter((b) => b.unitId === u.id && days(b.endsOn) >= from && days(b.startsOn) < to)
        .map((b) => {
          const x1 = x(Math.max(days(b.startsOn), from));
          const x2 = x(Math.min(days(b.endsOn) + 1, to));
          return { x: x1, width: Math.max(1, Math.round((x2 - x1) * 10) / 10) };
        }),
      past: own
        .filter((m) => days(m.localDate) <= t)
        .map((m) => ({ x: x(days(m.localDate)), date: m.localDate })),
      next: own
        .filter((m) => days(m.localDate) > t)
        .map((m) => ({ x: x(days(m.localDate)), date: m.localDate, status: m.status })),
    };
  });
  return {
    width,
    height: top + units.length * rowHeight + 6,
    labelWidth,
    from: iso(from),
    to: iso(to),
    todayX: x(t),
    ticks,
    rows,
  };
}
