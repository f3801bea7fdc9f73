import { CanActivate, ExecutionContext, Injectable, NotFoundException, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthedRequest } from './current-person.decorator';

type Via =
  'series' | 'meeting' | 'person' | 'minutes' | 'agendaItem' | 'proposal' | 'actionItem' | 'standingTopic';
type Scope = { param: string; via: Via };

/** For records that belong to one series: how to find that series from the record's id. */
const SERIES_OF: Partial<Record<Via, string>> = {
  series: `SELECT $1::uuid AS series_id`,
  meeting: `SELECT series_id FROM meeting WHERE id = $1`,
  minutes: `SELECT series_id FROM minutes WHERE id = $1`,
  agendaItem: `SELECT m.series_id FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id WHERE a.id = $1`,
  proposal: `SELECT series_id FROM topic_proposal WHERE id = $1`,
  actionItem: `SELECT series_id FROM action_item WHERE id = $1`,
  standingTopic: `SELECT series_id FROM standing_topic WHERE id = $1`,
};
const SCOPE = 'kierto:series-scope';

/**
 * Marks a route as belonging to one series, found from a route parameter. The guard answers 404 (not
 * 403) when the caller does not coordinate that series, so ids of other series reveal nothing.
 */
export const SeriesScoped = (param: string, via: Via = 'series') => SetMetadata(SCOPE, { param, via });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class SeriesAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const scope = this.reflector.get<Scope | undefined>(SCOPE, ctx.getHandler());
    if (!scope) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const id = req.params[scope.param];
    const what = scope.via;
    if (!id || !UUID.test(id) || !req.person) throw new NotFoundException(`No ${what} ${id}`);
    let sql: string;
    const seriesOf = SERIES_OF[what];
    if (seriesOf) {
      sql = `SELECT 1 FROM (${seriesOf}) r JOIN series_coordinator c ON c.series_id = r.series_id
              WHERE c.person_id = $2`;
    } else {
      sql = `SELECT 1 FROM person p WHERE p.id = $1 AND (p.id = $2 OR p.created_by_id = $2 OR EXISTS (
               SELECT 1 FROM series_membership m JOIN series_coordinator c ON c.series_id = m.series_id
                WHERE m.person_id = p.id AND c.person_id = $2) OR EXISTS (
               SELECT 1 FROM series_coordinator c2 JOIN series_coordinator c3 ON c3.series_id = c2.series_id
                WHERE c2.person_id = p.id AND c3.person_id = $2))`;
    }
    const rows: unknown[] = await this.db.query(sql, [id, req.person.id]);
    if (rows.length === 0) throw new NotFoundException(`No ${what} ${id}`);
    return true;
  }
}
