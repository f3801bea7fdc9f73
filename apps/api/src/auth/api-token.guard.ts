import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { CoordinatorService } from '@kierto/network';
import { AuthedRequest } from './current-person.decorator';

/** Every /api/v1 route: `Authorization: Bearer <token>` of a coordinator. */
@Injectable()
export class ApiTokenGuard implements CanActivate {
  constructor(private readonly coordinators: CoordinatorService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const header = req.headers['authorization'];
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match)
      throw new UnauthorizedException('Send a coordinator API token: Authorization: Bearer <token>');
    const person = await this.coordinators.authenticate(match[1]);
    if (!person) throw new UnauthorizedException('The API token is not valid');
    req.person = person;
    return true;
  }
}
