import { Module } from '@nestjs/common';
import { AccessPolicy } from './access-policy.service';
import { AuditService } from './audit.service';
import { PersonErasure } from './erasure.service';
import { LoginService } from './login.service';
import { RateLimitService } from './rate-limit.service';
import { SessionService } from './session.service';

/** Who is using the browser: login links, sessions, shared rate limits and the audit log. */
@Module({
  providers: [AccessPolicy, AuditService, PersonErasure, LoginService, RateLimitService, SessionService],
  exports: [AccessPolicy, AuditService, PersonErasure, LoginService, RateLimitService, SessionService],
})
export class AccessModule {}
