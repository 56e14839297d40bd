import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { triage } from '@safe-harbour/domain';
import { DataSource } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/roles';
import { conflict, notFound, unprocessable } from '../common/domain-error';
import { OutboxService } from '../live/outbox.service';
import { OperationAccess } from '../operations/operation-access';
import { operationEvent } from '../operations/operation-events';
import { PathwayService } from '../pathway/pathway.service';
import { TriageDto } from './people.dto';
import { PeopleRepository } from './people.repository';
import { assertNotMerged, PersonAccess } from './person-access';
import { fullView, PersonView } from './person-views';
import { notInFuture } from './registration.service';
import { StationsService } from './stations.service';

/**
 * Triage: who decided what about a person, and what follows from it (bed wait, stations). The stage follows
 * through the NRM pathway, where the triage is recorded as a fact (a correction replaces the earlier one).
 */
@Injectable()
export class TriageService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly people: PeopleRepository,
    private readonly personAccess: PersonAccess,
    private readonly access: OperationAccess,
    private readonly stations: StationsService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly pathway: PathwayService,
  ) {}

  async triage(actor: Actor & { user: AuthUser }, personId: string, dto: TriageDto): Promise<PersonView> {
    const { op } = await this.personAccess.workable(actor.user, personId);
    return this.dataSource.transaction(async (manager) => {
      const person = (await this.people.lock(manager, [personId])).get(personId);
      if (!person) throw notFound('Person');
      assertNotMerged(person);
      // County lines qualifies criminal exploitation (NRM statistics): never on another kind.
      const countyLines = dto.countyLines ?? person.countyLines;
      const exploitation = dto.exploitationType ?? person.exploitationType;
      if (countyLines && exploitation !== 'criminal' && exploitation !== 'multiple') {
        throw unprocessable('COUNTY_LINES_NOT_CRIMINAL', `county lines is criminal exploitation: set exploitationType criminal (or multiple), not ${exploitation ?? 'unknown'}`);
      }
      const result = triage(person, dto.outcome);
      if (!result.ok) throw conflict(result.code, result.reason);
      if (dto.suspectedOffender && dto.outcome !== 'potential_victim') {
        throw unprocessable(
          'SUSPECTED_OFFENDER_NOT_VICTIM',
          'suspectedOffender marks a potential victim who is also a suspected offender; triage the person as a suspect instead',
        );
      }
      // Omitted on a correction of the same outcome: the flag stands (dropping it silently would let them
      // be placed with the operation's victims again). Any other outcome clears it.
      const suspectedOffender = dto.outcome === 'potential_victim' ? (dto.suspectedOffender ?? person.suspectedOffender) : false;
      // A triage decided earlier (that morning, or by another council before a hand-over) keeps its own time.
      const now = dto.at ? notInFuture(new Date(dto.at), 'triage') : new Date();
      let updated = await this.people.update(manager, personId, {
        triageOutcome: dto.outcome,
        suspectedOffender,
        triageNotes: dto.notes ?? null,
        exploitationType: dto.exploitationType,
        countyLines: dto.countyLines,
        ageAtExploitation: dto.ageAtExploitation === undefined ? undefined : dto.ageAtExploitation === 'unknown' ? null : dto.ageAtExploitation,
        triagedBy: actor.user.id,
        triagedAt: now,
        // A changed decision restarts (or ends) the wait for a bed; the same decision again leaves it alone.
        ...(result.outcomeChanged ? { awaitingBedSince: result.effects.needsBed ? now : null } : {}),
      });
      await this.outbox.emit(
        manager,
        operationEvent(op, 'person.triaged', {
          personId,
          reference: person.reference,
          outcome: dto.outcome,
          previousOutcome: person.triageOutcome,
          ageCategory: person.ageCategory,
          keepApart: updated.keepApart,
          awaitingBed: updated.awaitingBedSince !== null,
        }),
      );
      // The stage is the pathway's: triage is its first fact, and starts the pre-NRM deadline.
      const recorded = await this.pathway.syncTriage(manager, actor, personId, {
        outcome: dto.outcome,
        ageCategory: person.ageCategory,
        at: now,
        cause: 'triage',
        exact: dto.at !== undefined,
      });
      if (recorded) updated = (await this.people.find(personId, manager))!;
      const checklist = await this.stations.sync(manager, updated);
      await this.audit.record(manager, actor, {
        action: 'triage',
        entityType: 'person',
        entityId: personId,
        details: {
          outcome: dto.outcome,
          previousOutcome: person.triageOutcome,
          stage: updated.stage,
          previousStage: person.stage,
          stationsAdded: checklist.added,
          stationsRemoved: checklist.removed,
          ...(recorded
            ? { pathway: { fromStage: recorded.from.stage, toStage: recorded.state.stage, correction: recorded.correction, deadlines: recorded.deadlines } }
            : {}),
        },
      });
      return fullView(updated, { personalData: this.access.canSeePersonalData(actor.user, op) });
    });
  }
}
