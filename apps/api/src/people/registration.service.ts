import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  acceptsPeopleWork,
  acceptsRegistrations,
  checkAgeAgainstDateOfBirth,
  dependantProblems,
  describeLondon,
  formatPersonReference,
  stationsFor,
  treatedAsChild,
} from '@safe-harbour/domain';
import { DataSource } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/roles';
import { conflict, DomainError, notFound, unprocessable } from '../common/domain-error';
import { OutboxService } from '../live/outbox.service';
import { FUTURE_TOLERANCE_MS } from '../pathway/pathway.service';
import { OperationAccess } from '../operations/operation-access';
import { operationEvent } from '../operations/operation-events';
import { OperationsRepository } from '../operations/operations.repository';
import { CreateGroupDto, DependantDto, KeepAwayAreaDto, NeedsDto, RegisterPersonDto } from './people.dto';
import { GroupRow, PeopleRepository, PersonDependant } from './people.repository';
import { fullView, PersonView } from './person-views';

/** A date-of-birth problem is the client's input when malformed, a broken rule (422) otherwise. */
export function ageError(code: string, reason: string): DomainError {
  return code === 'INVALID_DATE_OF_BIRTH' ? new DomainError(HttpStatus.BAD_REQUEST, code, reason) : unprocessable(code, reason);
}

/**
 * The placement facts of a person create or PATCH, checked and normalised (#11): dependants as plain objects
 * (an age that contradicts the category, or a count that contradicts the list, is a 400 that changes nothing),
 * `needs.dependants` kept equal to the list's length so every reader of the count agrees, keep-away points
 * as `{ lat, lng, radiusKm }`. `stored` is the person's current list on a PATCH.
 */
export function placementFactsOf(
  dto: { needs?: NeedsDto; dependants?: DependantDto[]; keepAwayFrom?: KeepAwayAreaDto[] },
  currentNeeds: NeedsDto,
  stored: PersonDependant[] | undefined,
): { needs?: NeedsDto; dependants?: PersonDependant[]; keepAwayFrom?: Array<{ lat: number; lng: number; radiusKm: number }> } {
  const problems = dependantProblems(dto.dependants ?? stored, dto.needs?.dependants);
  if (problems.length) throw new DomainError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', problems.join('; '), problems);
  const dependants = dto.dependants?.map((d) => ({
    ageCategory: d.ageCategory,
    ...(d.age !== undefined ? { age: d.age } : {}),
    ...(d.sex !== undefined ? { sex: d.sex } : {}),
    ...(d.relationship !== undefined ? { relationship: d.relationship } : {}),
  }));
  let needs = dto.needs ? { ...dto.needs } : undefined;
  if (dependants) {
    const { dependants: _count, ...rest } = needs ?? currentNeeds;
    needs = dependants.length ? { ...rest, dependants: dependants.length } : rest;
  }
  const keepAwayFrom = dto.keepAwayFrom?.map((k) => ({ lat: k.lat, lng: k.lng, radiusKm: k.radiusKm }));
  return { needs, dependants, keepAwayFrom };
}

/** A time a client says something happened: its clock may run a little ahead of ours, no more. */
export function notInFuture(at: Date, what: string, now = new Date()): Date {
  if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw unprocessable('FACT_IN_FUTURE', `The ${what} is dated ${describeLondon(at)} (Europe/London), which has not happened yet`);
  }
  return at;
}

/** Intake at the reception centre: a reference, an operational record, personal data apart, a station checklist. */
@Injectable()
export class RegistrationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly people: PeopleRepository,
    private readonly operations: OperationsRepository,
    private readonly access: OperationAccess,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async register(actor: Actor & { user: AuthUser }, operationId: string, dto: RegisterPersonDto): Promise<PersonView> {
    const op = await this.access.visible(actor.user, operationId);
    this.access.assertCanWorkWithPeople(actor.user, op);
    const age = checkAgeAgainstDateOfBirth(dto.ageCategory, dto.dateOfBirth, new Date());
    if (!age.ok) throw ageError(age.code, age.reason);
    const placementFacts = placementFactsOf(dto, dto.needs ?? {}, undefined);
    const registeredAt = dto.registeredAt ? notInFuture(new Date(dto.registeredAt), 'registration') : undefined;

    return this.dataSource.transaction(async (manager) => {
      // The operation's row lock hands out reference numbers one at a time and holds off a stand-down.
      const locked = await this.operations.lock(manager, operationId);
      if (!locked) throw notFound('Operation');
      if (!acceptsRegistrations(locked.status)) {
        throw conflict(
          locked.status === 'closed' ? 'OPERATION_CLOSED' : 'OPERATION_STOOD_DOWN',
          `The operation is ${locked.status.replace('_', ' ')}: nobody more can be registered`,
        );
      }
      if (dto.groupId && !(await this.people.groupExists(manager, operationId, dto.groupId))) {
        throw unprocessable('UNKNOWN_GROUP', 'groupId names no group of this operation');
      }
      const seq = await this.operations.takePersonSeq(manager, operationId);
      const person = await this.people.insert(manager, {
        operationId,
        seq,
        reference: formatPersonReference(locked.code, seq),
        sex: dto.sex,
        ageCategory: dto.ageCategory,
        nationality: dto.nationality?.trim() ?? null,
        languages: dto.languages,
        interpreterNeeded: dto.interpreterNeeded,
        needs: placementFacts.needs ?? { ...dto.needs },
        recourseToPublicFunds: dto.recourseToPublicFunds ?? 'unknown',
        dependants: placementFacts.dependants ?? [],
        keepAwayFrom: placementFacts.keepAwayFrom ?? [],
        groupId: dto.groupId ?? null,
        possibleController: dto.possibleController ?? false,
        exploitationType: dto.exploitationType ?? null,
        // Children and age-disputed people are marked for children's services the moment they arrive.
        childrenServicesReferred: treatedAsChild(dto.ageCategory),
        registeredBy: actor.user.id,
        registeredAt,
      });
      await this.people.insertIdentity(manager, person.id, dto);
      const stations = stationsFor({ triageOutcome: null, ageCategory: dto.ageCategory, interpreterNeeded: dto.interpreterNeeded });
      await this.people.addTasks(manager, person.id, stations);
      await this.audit.record(manager, actor, {
        action: 'register',
        entityType: 'person',
        entityId: person.id,
        details: {
          operationId,
          reference: person.reference,
          ageCategory: person.ageCategory,
          personalDataRecorded: ['givenName', 'familyName', 'dateOfBirth', 'aliases'].filter((k) => (dto as unknown as Record<string, unknown>)[k] !== undefined),
        },
      });
      await this.outbox.emit(
        manager,
        operationEvent(op, 'person.registered', {
          personId: person.id,
          reference: person.reference,
          ageCategory: person.ageCategory,
          stage: person.stage,
          interpreterNeeded: person.interpreterNeeded,
          childrenServicesReferred: person.childrenServicesReferred,
          possibleController: person.possibleController,
          groupId: person.groupId,
        }),
      );
      return fullView(person, { personalData: this.access.canSeePersonalData(actor.user, op) });
    });
  }

  async createGroup(actor: Actor & { user: AuthUser }, operationId: string, dto: CreateGroupDto): Promise<GroupRow> {
    const op = await this.access.visible(actor.user, operationId);
    this.access.assertCanWorkWithPeople(actor.user, op);
    if (!acceptsPeopleWork(op.status)) throw conflict('OPERATION_CLOSED', 'The operation is closed');
    return this.dataSource.transaction(async (manager) => {
      const id = await this.people.insertGroup(manager, operationId, dto.kind, dto.label, actor.user.id);
      if (!id) throw conflict('ALREADY_EXISTS', `This operation already has a group labelled "${dto.label}"`);
      await this.audit.record(manager, actor, { action: 'create', entityType: 'person_group', entityId: id, details: { operationId, kind: dto.kind } });
      await this.outbox.emit(manager, operationEvent(op, 'group.created', { groupId: id, kind: dto.kind }));
      return (await this.people.listGroups(operationId, manager)).find((g) => g.id === id)!;
    });
  }

  async listGroups(user: AuthUser, operationId: string): Promise<GroupRow[]> {
    await this.access.visible(user, operationId);
    return this.people.listGroups(operationId);
  }
}
