import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { KiertoConfig } from '@kierto/config';
import { Person } from '@kierto/network';
import { AuditService } from './audit.service';
import { looksLikeToken, newSecretToken, sha256Hex } from './secret-token';

export interface ActiveSession {
  person: Person;
  /** SHA-256 of the session id: safe to log or to bind CSRF tokens to. */
  idHash: string;
}

/**
 * Server-side browser sessions. The cookie carries a random 256-bit id; the database keeps its hash,
 * the person, the last request (idle timeout) and an absolute end. Timeouts use the database clock,
 * so every api instance agrees on them.
 */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: KiertoConfig,
    private readonly audit: AuditService,
  ) {}

  /**
   * A new session for the person, in the caller's transaction; the previous one of this browser (if any)
   * is ended: ids rotate at login.
   */
  async start(
    personId: string,
    previousId: string | undefined,
    em: EntityManager,
  ): Promise<{ id: string; maxAgeSeconds: number }> {
    const id = newSecretToken();
    if (looksLikeToken(previousId))
      await em.query(`DELETE FROM web_session WHERE id_hash = $1`, [sha256Hex(previousId)]);
    await em.query(
      `INSERT INTO web_session (id_hash, person_id, expires_at)
       VALUES ($1, $2, now() + make_interval(hours => $3::int))`,
      [sha256Hex(id), personId, this.config.SESSION_MAX_HOURS],
    );
    // Sessions that ended are swept here, at a moment that is rare compared to page views.
    await em.query(
      `DELETE FROM web_session WHERE expires_at < now() OR last_seen_at < now() - make_interval(mins => $1::int)`,
      [this.config.SESSION_IDLE_MINUTES],
    );
    return { id, maxAgeSeconds: this.config.SESSION_MAX_HOURS * 3600 };
  }

  /** The session's person, or null when the id is unknown, idle too long or past its end. Marks it used. */
  async resume(id: string | undefined): Promise<ActiveSession | null> {
    if (!looksLikeToken(id)) return null;
    const idHash = sha256Hex(id);
    // Marks the session used and loads its person in one round trip (a data-modifying CTE).
    const person = await this.db
      .getRepository(Person)
      .createQueryBuilder('p')
      .addCommonTableExpression(
        `UPDATE web_session SET last_seen_at = now()
          WHERE id_hash = :idHash AND expires_at > now() AND last_seen_at > now() - make_interval(mins => CAST(:idle AS int))
          RETURNING person_id`,
        'resumed',
      )
      .where('p.id IN (SELECT person_id FROM resumed)')
      .setParameters({ idHash, idle: this.config.SESSION_IDLE_MINUTES })
      .getOne();
    return person ? { person, idHash } : null;
  }

  /** Logout: ends this browser's session. */
  async end(id: string | undefined): Promise<void> {
    if (!looksLikeToken(id)) return;
    const [rows] = (await this.db.query(`DELETE FROM web_session WHERE id_hash = $1 RETURNING person_id`, [
      sha256Hex(id),
    ])) as [{ person_id: string }[], number];
    if (rows.length > 0)
      await this.audit.record({
        action: 'logout',
        actorPersonId: rows[0].person_id,
        subject: `person:${rows[0].person_id}`,
      });
  }

  /** Ends every session of the person, on every device. Returns how many there were. */
  async endAll(personId: string): Promise<number> {
    return this.db.transaction(async (em) => {
      const [, count] = (await em.query(`DELETE FROM web_session WHERE person_id = $1`, [personId])) as [
        unknown,
        number,
      ];
      await this.audit.record(
        {
          action: 'logout-everywhere',
          actorPersonId: personId,
          subject: `person:${personId}`,
          details: { sessions: count },
        },
        em,
      );
      return count;
    });
  }
}
