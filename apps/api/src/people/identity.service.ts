import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { checkAgeAgainstDateOfBirth } from '@safe-harbour/domain';
import { DataSource } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/roles';
import { notFound } from '../common/domain-error';
import { OutboxService } from '../live/outbox.service';
import { OperationAccess } from '../operations/operation-access';
import { operationEvent } from '../operations/operation-events';
import { CorrectIdentityDto } from './people.dto';
import { IdentityRow, PeopleRepository } from './people.repository';
import { assertNotMerged, PersonAccess } from './person-access';
import { IdentityView, identityView } from './person-views';
import { ageError } from './registration.service';

export type IdentityResponse = IdentityView & { personId: string; reference: string };

/**
 * Personal data: names, date of birth, aliases. Shown only to the roles that need it, and every read is
 * an audit row. People often give a claimed name first; a correction keeps the earlier name as an alias.
 */
@Injectable()
export class IdentityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly people: PeopleRepository,
    private readonly personAccess: PersonAccess,
    private readonly access: OperationAccess,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async read(actor: Actor & { user: AuthUser }, personId: string, reason?: string): Promise<IdentityResponse> {
    const { person, op } = await this.personAccess.visible(actor.user, personId);
    this.access.assertCanSeePersonalData(actor.user, op);
    const read = this.access.requireSensitiveRead(actor.user, 'identity', reason);
    const identity = (await this.people.identities([personId])).get(personId);
    await this.audit.record(null, actor, {
      action: 'read_personal_data',
      entityType: 'person',
      entityId: personId,
      details: { reference: person.reference, operationId: op.id, ...(read.breakGlass ? { breakGlass: true, reason: read.breakGlass } : {}) },
    });
    return { personId, reference: person.reference, ...identityView(identity ?? emptyIdentity(personId)) };
  }

  async correct(actor: Actor & { user: AuthUser }, personId: string, dto: CorrectIdentityDto): Promise<IdentityResponse> {
    const { op } = await this.personAccess.workable(actor.user, personId);
    this.access.assertCanSeePersonalData(actor.user, op);
    return this.dataSource.transaction(async (manager) => {
      const person = (await this.people.lock(manager, [personId])).get(personId);
      if (!person) throw notFound('Person');
      assertNotMerged(person);
      const current = (await this.people.identities([personId], manager)).get(personId) ?? emptyIdentity(personId);
      const next = {
        givenName: dto.givenName === undefined ? current.givenName : (dto.givenName?.trim() ?? null),
        familyName: dto.familyName === undefined ? current.familyName : (dto.familyName?.trim() ?? null),
        dateOfBirth: dto.dateOfBirth === undefined ? current.dateOfBirth : dto.dateOfBirth,
        aliases: dto.aliases ?? current.aliases,
      };
      if (dto.dateOfBirth !== undefined) {
        const age = checkAgeAgainstDateOfBirth(person.ageCategory, next.dateOfBirth, new Date());
        if (!age.ok) throw ageError(age.code, age.reason);
      }
      const previousName = fullName(current);
      if (previousName && previousName !== fullName(next) && !next.aliases.includes(previousName)) {
        next.aliases = [...next.aliases, previousName];
      }
      const fields = (['givenName', 'familyName', 'dateOfBirth', 'aliases'] as const).filter(
        (k) => JSON.stringify(next[k]) !== JSON.stringify(current[k]),
      );
      if (fields.length > 0) {
        await this.people.updateIdentity(manager, personId, next);
        // The audit names which fields changed, never their values.
        await this.audit.record(manager, actor, { action: 'update_personal_data', entityType: 'person', entityId: personId, details: { fields } });
        await this.outbox.emit(manager, operationEvent(op, 'person.updated', { personId, reference: person.reference, fields: ['identity'] }));
      }
      await this.audit.record(manager, actor, {
        action: 'read_personal_data',
        entityType: 'person',
        entityId: personId,
        details: { reference: person.reference, operationId: op.id },
      });
      const saved = (await this.people.identities([personId], manager)).get(personId)!;
      return { personId, reference: person.reference, ...identityView(saved) };
    });
  }
}

function emptyIdentity(personId: string): IdentityRow {
  return { personId, givenName: null, familyName: null, dateOfBirth: null, aliases: [], updatedAt: new Date(0) };
}

function fullName(identity: { givenName: string | null; familyName: string | null }): string | null {
  const name = [identity.givenName, identity.familyName].filter(Boolean).join(' ').trim();
  return name.length > 0 ? name : null;
}
