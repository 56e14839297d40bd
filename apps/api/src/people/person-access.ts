import { Injectable } from '@nestjs/common';
import { acceptsPeopleWork } from '@safe-harbour/domain';
import { EntityManager } from 'typeorm';
import { AuthUser } from '../auth/roles';
import { conflict, DomainError, notFound } from '../common/domain-error';
import { OperationAccess, VisibleOperation } from '../operations/operation-access';
import { PeopleRepository, PersonRow } from './people.repository';

/** A person is visible exactly when their operation is; the operation's rules say what the viewer may do. */
@Injectable()
export class PersonAccess {
  constructor(
    private readonly people: PeopleRepository,
    private readonly operations: OperationAccess,
  ) {}

  async visible(user: AuthUser, personId: string, manager?: EntityManager): Promise<{ person: PersonRow; op: VisibleOperation }> {
    const person = await this.people.find(personId, manager);
    if (!person) throw notFound('Person');
    try {
      return { person, op: await this.operations.visible(user, person.operationId, manager) };
    } catch (err) {
      // An invisible operation hides its people too, and says "person", not "operation".
      if (err instanceof DomainError && err.code === 'NOT_FOUND') throw notFound('Person');
      throw err;
    }
  }

  /** For writes on a person at the centre: the viewer may work with people and the record is live. */
  async workable(user: AuthUser, personId: string): Promise<{ person: PersonRow; op: VisibleOperation }> {
    const found = await this.visible(user, personId);
    this.operations.assertCanWorkWithPeople(user, found.op);
    if (!acceptsPeopleWork(found.op.status)) throw conflict('OPERATION_CLOSED', 'The operation is closed: its people can no longer be changed');
    assertNotMerged(found.person);
    return found;
  }
}

export function assertNotMerged(person: PersonRow): void {
  if (person.mergedIntoPersonId) {
    throw conflict('PERSON_MERGED', `${person.reference} was merged into another registration: work on that one`, {
      mergedIntoPersonId: person.mergedIntoPersonId,
    });
  }
}
