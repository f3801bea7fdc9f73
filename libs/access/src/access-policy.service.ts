import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

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
}
