import { Module } from '@nestjs/common';
import { AuditService } from './audit.service';
import { LoginMail } from './login-mail';
import { LoginService } from './login.service';
import { RateLimitService } from './rate-limit.service';
import { SessionService } from './session.service';

/** Who is using the browser: login links, sessions, shared rate limits and the audit log. */
@Module({
  providers: [AuditService, LoginMail, LoginService, RateLimitService, SessionService],
  exports: [AuditService, LoginService, RateLimitService, SessionService],
})
export class AccessModule {}
