import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** A person's role in one series. Service users never log in; they reach their pages by personal links. */
export type SeriesRole = 'coordinator' | 'staff';

/**
 * SQL for a person's role in a series ('coordinator', 'staff' or NULL), the same rule as roleIn, for
 * queries that find a record's series and the caller's role in one round trip.
 */
export const ROLE_IN_SERIES = (series: string, person: string) =>
  `CASE WHEN EXISTS (SELECT 1 FROM series_coordinator c WHERE c.series_id = ${series} AND c.person_id = ${person})
        THEN 'coordinator'
        WHEN EXISTS (SELECT 1 FROM series_membership m JOIN person p ON p.id = m.person_id
                      WHERE m.series_id = ${series} AND m.person_id = ${person} AND m.active AND p.kind = 'staff')
        THEN 'staff' END`;

/**
 * Object-level access rules, in one place for the API and the pages:
 * - a coordinator of a series sees and changes everything in it;
 * - a staff member (active member of kind staff) sees the series' agendas, minutes and action items,
 *   and updates the action items owned by their own unit (or assigned to them).
 * - people: a coordinator sees themselves, the people they created, and the members and coordinators
 *   of the series they coordinate (`canSeePerson`); a person's address is changed only by themselves or,
 *   for someone who can log in, by a coordinator of every series they belong to (`mayChangeEmail`);
 * - units belong to the network of the series that use them (in the rotation, as a member's home unit,
 *   hosting a meeting): their coordinators see and change them; the creator too, until a series uses it
 *   (`canSeeUnit`, `visibleUnitIds`).
 * Everything else is invisible: callers answer 404, so ids of other series reveal nothing.
 */
@Injectable()
export class AccessPolicy {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async roleIn(personId: string, seriesId: string): Promise<SeriesRole | null> {
    const rows: { role: SeriesRole }[] = await this.db.query(
      `SELECT 'coordinator' AS role FROM series_coordinator WHERE series_id = $1 AND person_id = $2
       UNION ALL
       SELECT 'staff' FROM series_membership m JOIN person p ON p.id = m.person_id
        WHERE m.series_id = $1 AND m.person_id = $2 AND m.active AND p.kind = 'staff'`,
      [seriesId, personId],
    );
    if (rows.some((r) => r.role === 'coordinator')) return 'coordinator';
    return rows.length ? 'staff' : null;
  }

  /** Whether the person may act as a coordinator at all (create series, units, people): a coordinator grant. */
  async isCoordinator(personId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM coordinator_grant WHERE person_id = $1`, [
      personId,
    ]);
    return rows.length > 0;
  }

  /** The series a person may read: those they coordinate, and those they are an active staff member of. */
  async readableSeriesIds(personId: string): Promise<string[]> {
    const rows: { series_id: string }[] = await this.db.query(
      `SELECT series_id FROM series_coordinator WHERE person_id = $1
       UNION
       SELECT m.series_id FROM series_membership m JOIN person p ON p.id = m.person_id
        WHERE m.person_id = $1 AND m.active AND p.kind = 'staff'`,
      [personId],
    );
    return rows.map((r) => r.series_id);
  }

  /** Coordinators of the item's series; staff of the owner unit who are members; the assignee. */
  async canUpdateActionItem(personId: string, actionItemId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM action_item a
        WHERE a.id = $1 AND (
          EXISTS (SELECT 1 FROM series_coordinator c WHERE c.series_id = a.series_id AND c.person_id = $2)
          OR EXISTS (SELECT 1 FROM series_membership m JOIN person p ON p.id = m.person_id
                      WHERE m.series_id = a.series_id AND m.person_id = $2 AND m.active AND p.kind = 'staff'
                        AND (p.home_unit_id = a.owner_unit_id OR a.assignee_id = p.id)))`,
      [actionItemId, personId],
    );
    return rows.length > 0;
  }

  /** People a coordinator may see: themselves, people they created, members and co-coordinators of their series. */
  async canSeePerson(
    actorId: string,
    personId: string,
    em: EntityManager = this.db.manager,
  ): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM person p WHERE p.id = $1 AND ${PERSON_VISIBLE}`, [
      personId,
      actorId,
    ]);
    return rows.length > 0;
  }

  /** Every person the coordinator sees (canSeePerson), for lists. */
  async visiblePersonIds(actorId: string, em: EntityManager = this.db.manager): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `SELECT p.id FROM person p WHERE ${PERSON_VISIBLE.replace(/\$2/g, () => '$1')}`,
      [actorId],
    );
    return rows.map((r) => r.id);
  }

  /** The login addresses (lower case) of the people the coordinator sees. */
  async visibleAddresses(actorId: string, em: EntityManager = this.db.manager): Promise<string[]> {
    const rows: { email: string }[] = await em.query(
      `SELECT p.email_normalized AS email FROM person p
        WHERE p.email_normalized IS NOT NULL AND ${PERSON_VISIBLE.replace(/\$2/g, () => '$1')}`,
      [actorId],
    );
    return rows.map((r) => r.email);
  }

  /**
   * Who may change a person's email address. Anyone who sees them, for a person who never logs in (a
   * service user or a guest without a coordinator grant). For staff and coordinators, the address is
   * (or becomes) the key to their account: only they themselves, or a coordinator
   * of every series they belong to (active member or coordinator); of someone in no series, only the
   * creator, and only when they are no coordinator.
   */
  async mayChangeEmail(
    actorId: string,
    personId: string,
    em: EntityManager = this.db.manager,
  ): Promise<boolean> {
    if (actorId === personId) return true;
    if (!(await this.canSeePerson(actorId, personId, em))) return false;
    const [row]: { logs_in: boolean; granted: boolean; creator: boolean; series: number; outside: number }[] =
      await em.query(
        `WITH theirs AS (
           SELECT series_id FROM series_membership WHERE person_id = $1 AND active
           UNION SELECT series_id FROM series_coordinator WHERE person_id = $1)
         SELECT (p.kind = 'staff' OR g.person_id IS NOT NULL) AS logs_in, g.person_id IS NOT NULL AS granted,
                p.created_by_id IS NOT DISTINCT FROM $2::uuid AS creator,
                (SELECT count(*)::int FROM theirs) AS series,
                (SELECT count(*)::int FROM theirs t WHERE NOT EXISTS (
                   SELECT 1 FROM series_coordinator c WHERE c.series_id = t.series_id AND c.person_id = $2)) AS outside
           FROM person p LEFT JOIN coordinator_grant g ON g.person_id = p.id WHERE p.id = $1`,
        [personId, actorId],
      );
    if (!row) return false;
    if (!row.logs_in) return true;
    if (row.series === 0) return row.creator && !row.granted;
    return row.outside === 0;
  }

  /**
   * The addresses whose mail a coordinator may read in the development outbox: their own, and those of
   * the members and coordinators of the series they coordinate (lower-case).
   */
  async outboxAddresses(personId: string): Promise<Set<string>> {
    const rows: { email: string }[] = await this.db.query(
      `SELECT p.email_normalized AS email FROM person p
        WHERE p.email_normalized IS NOT NULL AND (p.id = $1 OR EXISTS (
          SELECT 1 FROM series_coordinator c
           WHERE c.person_id = $1 AND (
             EXISTS (SELECT 1 FROM series_membership m WHERE m.series_id = c.series_id AND m.person_id = p.id)
             OR EXISTS (SELECT 1 FROM series_coordinator c2 WHERE c2.series_id = c.series_id AND c2.person_id = p.id))))`,
      [personId],
    );
    return new Set(rows.map((r) => r.email));
  }

  /** Whether the person may see and change the unit (see the class comment). */
  async canSeeUnit(personId: string, unitId: string, em: EntityManager = this.db.manager): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM unit u WHERE u.id = $1 AND ${UNIT_VISIBLE}`, [
      unitId,
      personId,
    ]);
    return rows.length > 0;
  }

  /** Every unit the person may see and pick (for lists and for checking picked ids in one query). */
  async visibleUnitIds(personId: string, em: EntityManager = this.db.manager): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `SELECT u.id FROM unit u WHERE ${UNIT_VISIBLE.replace(/\$2/g, () => '$1')}`,
      [personId],
    );
    return rows.map((r) => r.id);
  }

  /**
   * The units of one series (in its rotation, hosts of its meetings, home units of its members): what
   * the pickers of that series offer (a meeting's place, an action item's owner), never another network's.
   */
  async seriesUnitIds(seriesId: string, em: EntityManager = this.db.manager): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `SELECT r.unit_id AS id FROM rotation_slot r WHERE r.series_id = $1
       UNION SELECT mt.host_unit_id FROM meeting mt WHERE mt.series_id = $1
       UNION SELECT p.home_unit_id FROM series_membership m JOIN person p ON p.id = m.person_id
        WHERE m.series_id = $1 AND p.home_unit_id IS NOT NULL`,
      [seriesId],
    );
    return rows.map((r) => r.id);
  }
}

/** `p` is visible to person `$2`: themselves, created by them, a member or coordinator of a series they coordinate. */
const PERSON_VISIBLE = `(p.id = $2 OR p.created_by_id = $2 OR EXISTS (
   SELECT 1 FROM series_membership m JOIN series_coordinator c ON c.series_id = m.series_id
    WHERE m.person_id = p.id AND c.person_id = $2) OR EXISTS (
   SELECT 1 FROM series_coordinator c2 JOIN series_coordinator c3 ON c3.series_id = c2.series_id
    WHERE c2.person_id = p.id AND c3.person_id = $2))`;

/** The series that use unit `u`: in the rotation, home unit of a member, host of a meeting. */
const SERIES_USING_UNIT = `(
   SELECT r.series_id FROM rotation_slot r WHERE r.unit_id = u.id
   UNION SELECT m.series_id FROM series_membership m JOIN person hp ON hp.id = m.person_id
    WHERE hp.home_unit_id = u.id
   UNION SELECT mt.series_id FROM meeting mt WHERE mt.host_unit_id = u.id)`;

/** `u` is visible to person `$2`: they coordinate a series using it, or created it and no series uses it yet. */
const UNIT_VISIBLE = `(EXISTS (SELECT 1 FROM ${SERIES_USING_UNIT} used
    JOIN series_coordinator c ON c.series_id = used.series_id WHERE c.person_id = $2)
  OR (u.created_by_id = $2 AND NOT EXISTS (SELECT 1 FROM ${SERIES_USING_UNIT} used2)))`;
