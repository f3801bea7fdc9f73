import { Module } from '@nestjs/common';
import { NetworkModule } from '@kierto/network';
import { AccessPolicy } from './access-policy.service';
import { AuditService } from './audit.service';
import { CoordinatorInvitations } from './coordinator-invitation.service';
import { PersonErasure } from './erasure.service';
import { PersonChanges } from './person-changes.service';
import { LoginService } from './login.service';
import { RateLimitService } from './rate-limit.service';
import { SessionService } from './session.service';

/** Who is using the browser: login links, sessions, shared rate limits and the audit log. */
@Module({
  imports: [NetworkModule],
  providers: [
    AccessPolicy,
    AuditService,
    CoordinatorInvitations,
    PersonErasure,
    PersonChanges,
    LoginService,
    RateLimitService,
    SessionService,
  ],
  exports: [
    AccessPolicy,
    AuditService,
    CoordinatorInvitations,
    PersonErasure,
    PersonChanges,
    LoginService,
    RateLimitService,
    SessionService,
  ],
})
export class AccessModule {}
