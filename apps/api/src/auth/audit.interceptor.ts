import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { mergeMap, Observable } from 'rxjs';
import { AuditAction, AuditService } from '@kierto/access';
import { AuthedRequest } from './current-person.decorator';

type Details = Record<string, string | number | boolean>;

export interface AuditSpec {
  action: AuditAction;
  /** A record reference (`series:<id>`, `person:<id>`) from the request; never a name or an address. */
  subject?: (req: AuthedRequest) => string | null;
  /** Ids and counts from the answer; never personal data. */
  details?: (req: AuthedRequest, result: unknown) => Details;
}

const AUDIT = 'kierto:audit';

/** Records an audit event after the route answered successfully (a refused request leaves none). */
export const Audited = (spec: AuditSpec) =>
  applyDecorators(SetMetadata(AUDIT, spec), UseInterceptors(AuditInterceptor));

/** The ids of the people in an answer: one person, a list of them, or a page `{ items }`. */
export function personIdsOf(result: unknown): string[] {
  const list = Array.isArray(result)
    ? result
    : result && typeof result === 'object' && Array.isArray((result as { items?: unknown }).items)
      ? (result as { items: unknown[] }).items
      : [result];
  return list
    .map((p) => (p && typeof p === 'object' ? (p as { id?: unknown }).id : undefined))
    .filter((id): id is string => typeof id === 'string');
}

/** Every view of people's contact details: one event per request, with the people's ids. */
export const AuditContactView = (subject?: (req: AuthedRequest) => string | null) =>
  Audited({
    action: 'contact-details-viewed',
    subject,
    details: (_req, result) => {
      const ids = personIdsOf(result);
      return { count: ids.length, personIds: ids.join(',') };
    },
  });

/** An export route: what it exports and how many rows (the answer's `items`, or its length). */
export const AuditExport = (what: string, subject?: (req: AuthedRequest) => string | null) =>
  Audited({
    action: 'export',
    subject,
    details: (_req, result) => {
      const items = Array.isArray(result) ? result : (result as { items?: unknown[] } | null)?.items;
      return { what, rows: Array.isArray(items) ? items.length : 0 };
    },
  });

@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = this.reflector.get<AuditSpec | undefined>(AUDIT, ctx.getHandler());
    if (!spec) return next.handle();
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    return next.handle().pipe(
      mergeMap(async (result: unknown) => {
        await this.audit.record({
          action: spec.action,
          actorPersonId: req.person?.id ?? null,
          subject: spec.subject?.(req) ?? null,
          details: spec.details?.(req, result) ?? {},
        });
        return result;
      }),
    );
  }
}
