import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { KiertoConfig } from '@kierto/config';
import { MailDispatcher, OutboxService } from '@kierto/mail';
import { badField, pendingCoordinatorInvitations, Person, Series, SeriesCoordinator } from '@kierto/network';
import { AccessPolicy } from './access-policy.service';
import { AuditService } from './audit.service';
import { issueLoginLink, normalizeEmail } from './login.service';

/** How long the login link of an invitation works (a colleague may read the email days later). */
export const INVITATION_LINK_DAYS = 7;

export type InvitationRefusal = 'alreadyCoordinator' | 'notStaff';

/** An invitation the inviter may be told about: the address is someone they already see. */
export class CoordinatorInvitationRefused extends ConflictException {
  constructor(readonly reason: InvitationRefusal) {
    super(`The invitation was refused: ${reason}`);
  }
}

/**
 * Coordinators invite colleagues by email address. The invitation is stored and taken up when the
 * address's owner logs in (LoginService), so the answer is the same whether or not the address was
 * known to Kierto: an address the inviter cannot see (AccessPolicy) is never reported. A new address
 * becomes a staff person (seen by the inviter only once they accept); whoever may log in with the
 * address gets an email with a login link that works for INVITATION_LINK_DAYS and lands on the dashboard.
 */
@Injectable()
export class CoordinatorInvitations {
  private readonly logger = new Logger('CoordinatorInvitations');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: KiertoConfig,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly dispatcher: MailDispatcher,
  ) {}

  /** The invitations of a series not yet taken up. */
  pending(seriesId: string) {
    return pendingCoordinatorInvitations(this.db.manager, seriesId);
  }

  async invite(actor: Person, seriesId: string, input: { email: unknown; displayName: unknown }) {
    const email = normalizeEmail(input.email);
    const typedName = typeof input.displayName === 'string' ? input.displayName.trim() : '';
    if (!typedName || typedName.length > 200)
      throw badField('displayName', 'displayName must be 1–200 characters');
    if (!email) throw badField('email', 'email must be an email address');
    const jobId = await this.db.transaction(async (em) => {
      const series = await em.findOne(Series, { where: { id: seriesId } });
      if (!series) throw new NotFoundException(`No series ${seriesId}`);
      let holder = await em.findOne(Person, { where: { emailNormalized: email } });
      if (holder && (await this.policy.canSeePerson(actor.id, holder.id, em))) {
        if (await em.exists(SeriesCoordinator, { where: { seriesId, personId: holder.id } }))
          throw new CoordinatorInvitationRefused('alreadyCoordinator');
        if (holder.kind !== 'staff') throw new CoordinatorInvitationRefused('notStaff');
      }
      if (!holder) {
        holder = await em.save(
          em.create(Person, {
            displayName: typedName,
            email: typeof input.email === 'string' ? input.email.trim() : email,
            emailNormalized: email,
            kind: 'staff',
            preferredLanguage: series.defaultLanguage,
            createdById: null,
          }),
        );
      }
      await em.query(
        `INSERT INTO coordinator_invitation (series_id, email_normalized, display_name, invited_by_id)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (series_id, email_normalized) DO UPDATE
           SET display_name = EXCLUDED.display_name, invited_by_id = EXCLUDED.invited_by_id,
               created_at = now(), accepted_at = NULL`,
        [seriesId, email, typedName, actor.id],
      );
      await this.audit.record(
        { action: 'coordinator-invited', actorPersonId: actor.id, subject: `series:${seriesId}` },
        em,
      );
      const invite = { seriesName: series.name, inviterName: actor.displayName, days: INVITATION_LINK_DAYS };
      // Null for an address that cannot log in (a service user elsewhere): nothing is sent, nothing told.
      const issued = await issueLoginLink(
        this.db,
        this.config,
        email,
        'email',
        (m, personId, token) => this.outbox.enqueueLogin(m, personId, token, invite),
        { returnTo: '/', minutes: INVITATION_LINK_DAYS * 24 * 60, em },
      );
      return issued?.jobId ?? null;
    });
    if (jobId)
      await this.dispatcher
        .dispatchNow(jobId)
        .catch((e: unknown) =>
          this.logger.error(`Invitation ${jobId} not sent now: ${(e as Error)?.message ?? e}`),
        );
    return { email };
  }
}
