import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  NotFoundException,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessPolicy, ROLE_IN_SERIES, SeriesRole } from '@kierto/access';
import { AuthedRequest } from './current-person.decorator';

type Via =
  | 'series'
  | 'seriesKey'
  | 'meeting'
  | 'person'
  | 'unit'
  | 'minutes'
  | 'agendaItem'
  | 'proposal'
  | 'actionItem'
  | 'standingTopic';
type Scope = { param: string; via: Via };

/**
 * Who a route is for (checked by SeriesAccessGuard, on the API and the pages alike):
 * - `coordinator`: coordinates the route's series; on a route without a series, holds a coordinator grant.
 * - `staff`: active staff member of the route's series (not the series' draft minutes); on a route
 *   without a series, anyone logged in: the handler shows only `AccessPolicy.readableSeriesIds`.
 * - `unitStaff`: a staff member who may update the action item (`AccessPolicy.canUpdateActionItem`:
 *   their home unit owns it, or it is assigned to them).
 * - `public`: anyone, logged in or not, when the series has made its "you said, we did" public.
 */
export type AllowRole = 'coordinator' | 'staff' | 'unitStaff' | 'public';
const ALLOW = 'kierto:allow';
const SCOPE = 'kierto:series-scope';

/** The roles a route (or every route of a controller) is for. Without it: coordinators only. */
export const Allow = (...roles: AllowRole[]) => SetMetadata(ALLOW, roles);

/**
 * Marks a route as belonging to one series, found from a route parameter. The guard answers 404 (not
 * 403) whenever the route is not for the caller (no role in that series, or a role the route does not
 * allow), so ids of other series reveal nothing.
 */
export const SeriesScoped = (param: string, via: Via = 'series') => SetMetadata(SCOPE, { param, via });

const SEES_PERSON = 'kierto:sees-person';
/**
 * The route also names a person (adding them to the series): the caller must see that person already
 * (AccessPolicy.canSeePerson), or the answer is 404 and nothing is written.
 */
export const SeesPerson = (param: string) => SetMetadata(SEES_PERSON, param);

/** For records that belong to one series: how to find that series from the record's id. */
const SERIES_OF: Record<Exclude<Via, 'person' | 'unit'>, string> = {
  series: `SELECT id AS series_id FROM series WHERE id = $1`,
  seriesKey: `SELECT id AS series_id FROM series WHERE proposal_key = $1`,
  meeting: `SELECT series_id FROM meeting WHERE id = $1`,
  minutes: `SELECT series_id FROM minutes WHERE id = $1`,
  agendaItem: `SELECT m.series_id FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id WHERE a.id = $1`,
  proposal: `SELECT series_id FROM topic_proposal WHERE id = $1`,
  actionItem: `SELECT series_id FROM action_item WHERE id = $1`,
  standingTopic: `SELECT series_id FROM standing_topic WHERE id = $1`,
};
/** Records of a series that its staff do not see: draft minutes (circulated ones they comment on). */
const HIDDEN_FROM_STAFF: Partial<Record<Via, string>> = {
  minutes: `SELECT 1 FROM minutes WHERE id = $1 AND status = 'draft'`,
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEY = /^[\w-]{16,64}$/;

/** What the guard found out, for handlers that shape their answer by role (never to decide access). */
export interface ScopedRequest extends AuthedRequest {
  seriesRole?: SeriesRole | 'public';
}

/** The caller's role in the route's series, as SeriesAccessGuard found it. */
export const CallerRole = createParamDecorator(
  (_: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest<ScopedRequest>().seriesRole,
);

/**
 * The one access rule of every API route and page: `@Allow(...)` roles against the caller's role in
 * the route's series (`@SeriesScoped`), through AccessPolicy. Runs after the API token / session
 * guard has put the caller in `req.person` (absent for anonymous page visitors).
 */
@Injectable()
export class SeriesAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly policy: AccessPolicy,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const allowed = await this.scoped(ctx);
    const param = this.reflector.get<string | undefined>(SEES_PERSON, ctx.getHandler());
    if (allowed && param) {
      const req = ctx.switchToHttp().getRequest<ScopedRequest>();
      const id = req.params[param];
      if (!req.person || !id || !UUID.test(id) || !(await this.policy.canSeePerson(req.person.id, id)))
        throw new NotFoundException(`No person ${id}`);
    }
    return allowed;
  }

  private async scoped(ctx: ExecutionContext): Promise<boolean> {
    const allow = this.reflector.getAllAndOverride<AllowRole[] | undefined>(ALLOW, [
      ctx.getHandler(),
      ctx.getClass(),
    ]) ?? ['coordinator'];
    const scope = this.reflector.get<Scope | undefined>(SCOPE, ctx.getHandler());
    const req = ctx.switchToHttp().getRequest<ScopedRequest>();
    const person = req.person;
    if (!scope) {
      if (!person) throw new NotFoundException('Not found');
      if (allow.includes('staff')) return true;
      if (allow.includes('coordinator') && (await this.policy.isCoordinator(person.id))) return true;
      throw new ForbiddenException('Only coordinators may do this');
    }

    const { param, via } = scope;
    const id = req.params[param];
    const notFound = () => new NotFoundException(`No ${via} ${id}`);
    if (!id || !(via === 'seriesKey' ? KEY : UUID).test(id)) throw notFound();

    if (via === 'person' || via === 'unit') {
      // People and units are not records of one series: coordinators see those of the series they run
      // (AccessPolicy.canSeePerson, canSeeUnit).
      if (!person || !allow.includes('coordinator') || !(await this.policy.isCoordinator(person.id)))
        throw notFound();
      const visible =
        via === 'person'
          ? await this.policy.canSeePerson(person.id, id)
          : await this.policy.canSeeUnit(person.id, id);
      if (!visible) throw notFound();
      return true;
    }

    // The record's series and the caller's role in it, in one query (AccessPolicy.ROLE_IN_SERIES).
    const found: { series_id: string; public_feedback: boolean; role: SeriesRole | null }[] =
      await this.db.query(
        `SELECT r.series_id, s.public_feedback, ${ROLE_IN_SERIES('r.series_id', '$2::uuid')} AS role
         FROM (${SERIES_OF[via]}) r JOIN series s ON s.id = r.series_id`,
        [id, person?.id ?? null],
      );
    if (found.length === 0) throw notFound();
    const role = found[0].role;
    if (!role) {
      if (allow.includes('public') && found[0].public_feedback) {
        req.seriesRole = 'public';
        return true;
      }
      throw notFound();
    }
    req.seriesRole = role;
    if (role === 'coordinator') {
      if (allow.includes('coordinator') || allow.includes('public')) return true;
      throw notFound();
    }
    const hidden = HIDDEN_FROM_STAFF[via];
    if (hidden && ((await this.db.query(hidden, [id])) as unknown[]).length > 0) throw notFound();
    if (allow.includes('staff') || allow.includes('public')) return true;
    if (allow.includes('unitStaff') && via === 'actionItem') {
      if (await this.policy.canUpdateActionItem((person as { id: string }).id, id)) return true;
    }
    // Not theirs to do: the same answer as for a record they cannot see, so nothing is told apart.
    throw notFound();
  }
}
