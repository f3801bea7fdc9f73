/**
 * Chooses the host unit of the next meeting.
 *
 * turns(u) = the unit's history records + (credit ?? 0). Each unit's k-th turn (k = 0, 1, ...) has the
 * key (k, position in the rotation order); the ideal schedule hosts turns in ascending key order, which
 * from an empty history is plain round-robin: A, B, C, A, B, C, ...
 * Candidates are the active units that are available on the date. The last host is excluded when any
 * other candidate exists (nobody hosts twice in a row). The candidate whose next turn has the smallest
 * key hosts: fewest turns first, ties by rotation order. A unit that was unavailable therefore keeps its
 * small key ("owed") and, when available again, goes before everyone who is merely next in order; no unit
 * loses or gains turns. An override is just a history record, so it counts as that unit's turn.
 * (Ties are by fixed rotation order rather than cyclically from the last host: the cyclic variant would
 * let a unit that is next after the last host jump ahead of an owed unit that sits before it.)
 * Limit: with only two active units the no-twice-in-a-row rule forces alternation, so a turn lost while
 * the other unit hosted twice in a row cannot be repaid automatically.
 */

export interface RotationUnit {
  id: string;
  active: boolean;
  /** Turns counted as already hosted (set when a unit joins late so it is not owed a backlog). */
  credit?: number;
}

/** A past non-cancelled meeting (including overrides), oldest first. */
export interface HostRecord {
  unitId: string;
}

export interface NextHostInput {
  /** Rotation order. */
  units: RotationUnit[];
  history: HostRecord[];
  /** Whether the unit can host on the proposed date. Only called for active units. */
  isAvailable: (unitId: string) => boolean;
}

export type SkipReason = 'inactive' | 'unavailable';

export type NextHostResult =
  | {
      kind: 'host';
      unitId: string;
      /** Units whose turn came before the chosen one's but that could not host, in turn order. */
      skipped: { unitId: string; reason: SkipReason }[];
      /** Active units still owed a turn once the chosen unit has hosted (see rotationStatus), in rotation order. */
      owed: string[];
    }
  | { kind: 'none'; reason: 'no-active-units' | 'none-available' };

export interface RotationStatusRow {
  unitId: string;
  /** History records of the unit (credit not included). */
  hosted: number;
  /** Turns the unit is behind the rotation (0 for inactive units); see rotationStatus. */
  owed: number;
}

interface Tally {
  unit: RotationUnit;
  index: number;
  hosted: number;
  turns: number;
}

function tally(units: RotationUnit[], history: HostRecord[]): Tally[] {
  const seen = new Set<string>();
  for (const u of units) {
    if (seen.has(u.id)) throw new Error(`Duplicate unit id '${u.id}' in the rotation`);
    seen.add(u.id);
  }
  const hosted = new Map<string, number>();
  for (const r of history) hosted.set(r.unitId, (hosted.get(r.unitId) ?? 0) + 1);
  return units.map((unit, index) => {
    const h = hosted.get(unit.id) ?? 0;
    return { unit, index, hosted: h, turns: h + (unit.credit ?? 0) };
  });
}

/** Negative when a's next turn comes before b's. */
function compareKeys(a: Tally, b: Tally): number {
  return a.turns - b.turns || a.index - b.index;
}

export function chooseNextHost(input: NextHostInput): NextHostResult {
  const { units, history, isAvailable } = input;
  const tallies = tally(units, history);
  const active = tallies.filter((t) => t.unit.active);
  if (active.length === 0) return { kind: 'none', reason: 'no-active-units' };

  const available = new Map<string, boolean>();
  for (const t of active) available.set(t.unit.id, isAvailable(t.unit.id));
  const candidates = active.filter((t) => available.get(t.unit.id));
  if (candidates.length === 0) return { kind: 'none', reason: 'none-available' };

  const lastHost = history.length > 0 ? history[history.length - 1].unitId : undefined;
  const others = candidates.filter((t) => t.unit.id !== lastHost);
  const pool = others.length > 0 ? others : candidates;
  const chosen = pool.reduce((best, t) => (compareKeys(t, best) < 0 ? t : best));

  const skipped = tallies
    .filter((t) => t !== chosen && compareKeys(t, chosen) < 0)
    .filter((t) => !t.unit.active || !available.get(t.unit.id))
    .sort(compareKeys)
    .map((t) => ({ unitId: t.unit.id, reason: (t.unit.active ? 'unavailable' : 'inactive') as SkipReason }));

  const owed = rotationStatus(units, [...history, { unitId: chosen.unit.id }])
    .filter((s) => s.owed > 0)
    .map((s) => s.unitId);

  return { kind: 'host', unitId: chosen.unit.id, skipped, owed };
}

/**
 * Per unit: `hosted` = history records, `owed` = how many turns the unit is behind the rotation.
 * The frontier F = (k, i) is the largest turn key already taken by an active unit (see the file header).
 * An active unit with t turns at position p is owed every turn k >= t whose key (k, p) is before F,
 * i.e. owed = max(0, F.k - t + (p < F.i ? 1 : 0)): turns that someone later in the schedule has already
 * had. A unit that is simply next in order is not owed anything. Inactive units are reported with owed 0.
 */
export function rotationStatus(units: RotationUnit[], history: HostRecord[]): RotationStatusRow[] {
  const tallies = tally(units, history);
  let frontier: { k: number; i: number } | undefined;
  for (const t of tallies) {
    if (!t.unit.active || t.turns <= 0) continue;
    const k = t.turns - 1;
    if (!frontier || k > frontier.k || (k === frontier.k && t.index > frontier.i))
      frontier = { k, i: t.index };
  }
  return tallies.map((t) => ({
    unitId: t.unit.id,
    hosted: t.hosted,
    owed: t.unit.active && frontier ? Math.max(0, frontier.k - t.turns + (t.index < frontier.i ? 1 : 0)) : 0,
  }));
}

/**
 * The credit to give a unit that joins the rotation now so that it starts level with the others instead
 * of being owed a backlog: the minimum turns among the active units (0 when there are none). Pass
 * `unitId` for a unit that is already in `units` (e.g. one being re-activated): it is left out of the
 * minimum, and its own turns so far are subtracted.
 */
export function creditForNewUnit(units: RotationUnit[], history: HostRecord[], unitId?: string): number {
  const tallies = tally(units, history);
  const others = tallies.filter((t) => t.unit.active && t.unit.id !== unitId);
  if (others.length === 0) return 0;
  const level = Math.min(...others.map((t) => t.turns));
  const self = tallies.find((t) => t.unit.id === unitId);
  return Math.max(0, level - (self ? self.hosted : 0));
}
