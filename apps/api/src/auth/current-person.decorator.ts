import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Person } from '@kierto/network';

export interface AuthedRequest {
  person?: Person;
  params: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
}

/** The coordinator the API token belongs to (set by ApiTokenGuard). */
export const CurrentPerson = createParamDecorator((_: unknown, ctx: ExecutionContext): Person => {
  return ctx.switchToHttp().getRequest<AuthedRequest>().person as Person;
});
