import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { enqueueAddressChanged } from '@kierto/mail';
import { badField, CreatePersonDto, Person, PersonService, UpdatePersonDto } from '@kierto/network';
import { AccessPolicy } from './access-policy.service';
import { AuditService } from './audit.service';

/** The reason a coordinator may not change someone's address: a 403 naming the field. */
export const EMAIL_OWNED =
  'This person logs in with this address: only they, or a coordinator of every series they take part in, may change it. Ask them to change it.';

/**
 * Creating and changing people on behalf of a coordinator, for the API and the pages alike: the
 * rules of AccessPolicy around PersonService. A person's address has one owner: changing the address
 * of someone who can log in needs AccessPolicy.mayChangeEmail; the old address is told (an outbox row
 * in the same transaction) and the change is audited (ids only). A home unit must be one the caller
 * sees. An address of someone the caller cannot see is not reported (PersonService's AddressClashPolicy).
 */
@Injectable()
export class PersonChanges {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly people: PersonService,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditService,
  ) {}

  async create(actorId: string, dto: CreatePersonDto, em?: EntityManager): Promise<Person> {
    const run = async (m: EntityManager) => {
      await this.checkHomeUnit(actorId, dto.homeUnitId, m);
      return this.people.create(actorId, dto, m, this.clashPolicy(actorId, m));
    };
    return em ? run(em) : this.db.transaction(run);
  }

  async update(actorId: string, personId: string, dto: UpdatePersonDto): Promise<Person> {
    return this.db.transaction(async (em) => {
      // Locked: two changes of one address cannot both tell the same old address.
      const before = await em.findOne(Person, {
        where: { id: personId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!before) return this.people.get(personId, em);
      await this.checkHomeUnit(actorId, dto.homeUnitId, em);
      const newEmail = dto.email === undefined ? undefined : (dto.email?.trim() ?? '') || null;
      const changes =
        newEmail !== undefined && (newEmail?.toLowerCase() ?? null) !== (before.email?.toLowerCase() ?? null);
      if (changes && !(await this.policy.mayChangeEmail(actorId, personId, em)))
        throw new ForbiddenException({
          statusCode: 403,
          error: 'Forbidden',
          message: [EMAIL_OWNED],
          errors: [{ field: 'email', reasons: [EMAIL_OWNED] }],
        });
      const oldEmail = before.email;
      const saved = await this.people.update(personId, dto, em, this.clashPolicy(actorId, em));
      if (changes) {
        const self = actorId === personId;
        await this.audit.record(
          {
            action: 'email-changed',
            actorPersonId: actorId,
            subject: `person:${personId}`,
            details: {
              by: self ? 'self' : 'coordinator',
              removed: newEmail === null,
              hadAddress: !!oldEmail,
            },
          },
          em,
        );
        if (oldEmail) {
          const actor = self ? null : await em.findOne(Person, { where: { id: actorId } });
          await enqueueAddressChanged(em, {
            key: `${personId}:${randomUUID()}`,
            oldEmail,
            name: before.displayName,
            language: before.preferredLanguage,
            changedByName: actor?.displayName ?? null,
          });
        }
      }
      return saved;
    });
  }

  /** A home unit the caller does not see is refused like an unknown one. */
  private async checkHomeUnit(actorId: string, unitId: string | null | undefined, em: EntityManager) {
    if (unitId && !(await this.policy.canSeeUnit(actorId, unitId, em)))
      throw badField('homeUnitId', 'homeUnitId must be the id of an existing unit');
  }

  private clashPolicy(actorId: string, em: EntityManager) {
    return { seesHolder: (holderId: string) => this.policy.canSeePerson(actorId, holderId, em) };
  }
}
