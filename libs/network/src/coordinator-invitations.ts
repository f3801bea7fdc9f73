import { EntityManager } from 'typeorm';
import { CoordinatorGrant } from './coordinator-grant.entity';
import { Person } from './person.entity';
import { SeriesCoordinator } from './series-coordinator.entity';

/**
 * A coordinator is a member of the series they coordinate: invited to its meetings, counted, and
 * marked present like everyone else. Called wherever someone becomes a coordinator.
 */
export async function makeCoordinator(em: EntityManager, seriesId: string, personId: string): Promise<void> {
  await em.upsert(CoordinatorGrant, { personId }, ['personId']);
  await em.upsert(SeriesCoordinator, { seriesId, personId }, ['seriesId', 'personId']);
  await em.query(
    `INSERT INTO series_membership (series_id, person_id, active) VALUES ($1, $2, true)
     ON CONFLICT (series_id, person_id) DO UPDATE SET active = true`,
    [seriesId, personId],
  );
}

export interface PendingCoordinatorInvitation {
  id: string;
  displayName: string;
  email: string;
  createdAt: Date;
}

/** Invitations of a series not yet taken up (for its coordinators' settings page). */
export async function pendingCoordinatorInvitations(
  em: EntityManager,
  seriesId: string,
): Promise<PendingCoordinatorInvitation[]> {
  const rows: { id: string; display_name: string; email_normalized: string; created_at: Date }[] =
    await em.query(
      `SELECT id, display_name, email_normalized, created_at FROM coordinator_invitation
        WHERE series_id = $1 AND accepted_at IS NULL ORDER BY created_at`,
      [seriesId],
    );
  return rows.map((r) => ({
    id: r.id,
    displayName: r.display_name,
    email: r.email_normalized,
    createdAt: r.created_at,
  }));
}

/**
 * At login: the invitations sent to the person's address make them a coordinator of those series.
 * Only staff (service users never log in, and never coordinate). Returns the series ids.
 */
export async function acceptCoordinatorInvitations(em: EntityManager, person: Person): Promise<string[]> {
  if (!person.emailNormalized || person.kind !== 'staff') return [];
  const [rows] = (await em.query(
    `UPDATE coordinator_invitation SET accepted_at = now()
      WHERE email_normalized = $1 AND accepted_at IS NULL
      RETURNING series_id`,
    [person.emailNormalized],
  )) as [{ series_id: string }[], number];
  for (const r of rows) await makeCoordinator(em, r.series_id, person.id);
  return rows.map((r) => r.series_id);
}
