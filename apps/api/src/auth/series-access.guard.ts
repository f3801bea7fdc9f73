import { CanActivate, ExecutionContext, Injectable, NotFoundException, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthedRequest } from './current-person.decorator';

type Scope = { param: string; via: 'series' | 'meeting' | 'person' };
const SCOPE = 'kierto:series-scope';

/**
 * Marks a route as belonging to one series, found from a route parameter. The guard answers 404 (not
 * 403) when the caller does not coordinate that series, so ids of other series reveal nothing.
 */
export const SeriesScoped = (param: string, via: Scope['via'] = 'series') =>
  SetMetadata(SCOPE, { param, via });

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
    if (what === 'series') {
      sql = `SELECT 1 FROM series_coordinator c WHERE c.series_id = $1 AND c.person_id = $2`;
    } else if (what === 'meeting') {
      sql = `SELECT 1 FROM meeting m JOIN series_coordinator c ON c.series_id = m.series_id
              WHERE m.id = $1 AND c.person_id = $2`;
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
