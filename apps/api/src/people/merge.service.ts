import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { furthestStatus, isTriageStage, mergePeople, mergePlacementFacts } from '@safe-harbour/domain';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/roles';
import { conflict, notFound } from '../common/domain-error';
import { OutboxService } from '../live/outbox.service';
import { OperationAccess } from '../operations/operation-access';
import { operationEvent } from '../operations/operation-events';
import { PathwayService } from '../pathway/pathway.service';
import { MergePeopleDto } from './people.dto';
import { PeopleRepository, PersonChanges, PersonRow } from './people.repository';
import { PersonAccess } from './person-access';
import { fullView, PersonView } from './person-views';
import { StationsService } from './stations.service';

/**
 * Two registrations found to be one person. The kept record carries on with everything either knew; the
 * duplicate is never deleted: it stays, marked as merged into the kept one, with its own history, its
 * reference retired (never reused) and its identity row untouched.
 */
@Injectable()
export class MergeService {
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

  async merge(actor: Actor & { user: AuthUser }, keptId: string, dto: MergePeopleDto): Promise<PersonView> {
    const { op } = await this.personAccess.workable(actor.user, keptId);
    this.access.assertCanSeePersonalData(actor.user, op);
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.people.lock(manager, [keptId, dto.duplicatePersonId]);
      const kept = locked.get(keptId);
      const duplicate = locked.get(dto.duplicatePersonId);
      if (!kept) throw notFound('Person');
      // A registration of another operation is as good as unknown here: do not confirm it exists.
      if (!duplicate || duplicate.operationId !== kept.operationId) {
        if (dto.duplicatePersonId === keptId) throw conflict('SAME_PERSON', 'A registration cannot be merged into itself');
        throw notFound('Duplicate person');
      }
      const result = mergePeople(kept, duplicate);
      if (!result.ok) throw conflict(result.code, result.reason);
      const merged = result.kept;
      const now = new Date();

      const changes: PersonChanges = {
        ageCategory: merged.ageCategory,
        childrenServicesReferred: kept.childrenServicesReferred || duplicate.childrenServicesReferred || merged.ageCategory !== 'adult',
        possibleController: merged.possibleController,
        interpreterNeeded: merged.interpreterNeeded,
        languages: merged.languages,
        needs: merged.needs,
        groupId: merged.groupId,
        ...mergePlacementFacts(kept, duplicate),
      };
      if (merged.triageFromDuplicate) {
        Object.assign(changes, {
          triageOutcome: duplicate.triageOutcome,
          triageNotes: duplicate.triageNotes,
          triagedBy: duplicate.triagedBy,
          triagedAt: duplicate.triagedAt,
          awaitingBedSince: duplicate.awaitingBedSince,
        });
      }
      let updated = await this.people.update(manager, keptId, changes);
      await this.people.update(manager, duplicate.id, { mergedIntoPersonId: keptId, mergedAt: now });

      await this.mergeIdentity(manager, kept, duplicate);
      await this.mergeStations(manager, kept, duplicate);
      await this.stations.sync(manager, updated);
      updated = (await this.people.find(keptId, manager))!;

      await this.audit.recordMany(manager, actor, [
        {
          action: 'merge',
          entityType: 'person',
          entityId: keptId,
          details: { duplicatePersonId: duplicate.id, duplicateReference: duplicate.reference, triageFromDuplicate: merged.triageFromDuplicate },
        },
        { action: 'merged_into', entityType: 'person', entityId: duplicate.id, details: { keptPersonId: keptId, keptReference: kept.reference } },
      ]);
      await this.outbox.emit(
        manager,
        operationEvent(op, 'person.merged', {
          personId: keptId,
          reference: kept.reference,
          duplicatePersonId: duplicate.id,
          duplicateReference: duplicate.reference,
          duplicateStage: duplicate.stage,
          ageCategory: updated.ageCategory,
          keepApart: updated.keepApart,
        }),
      );
      // The duplicate's deadlines stop counting; the kept record's pathway takes on the merged triage and
      // age, as a triage fact (carried from the duplicate) or a corrected one, while triage still decides
      // its stage (mergePeople computed the same stage; the pathway records it with its deadlines).
      await this.pathway.retire(manager, duplicate.id);
      if (isTriageStage(kept.stage)) {
        const recorded = await this.pathway.syncTriage(manager, actor, keptId, {
          outcome: merged.triageOutcome,
          ageCategory: merged.ageCategory,
          at: merged.triageFromDuplicate && duplicate.triagedAt ? duplicate.triagedAt : now,
          cause: 'merge',
        });
        if (recorded) updated = (await this.people.find(keptId, manager))!;
      }
      return fullView(updated, { personalData: true });
    });
  }

  /** Whatever the duplicate was called becomes an alias of the kept record; its own row is left as it was. */
  private async mergeIdentity(manager: EntityManager, kept: PersonRow, duplicate: PersonRow): Promise<void> {
    const identities = await this.people.identities([kept.id, duplicate.id], manager);
    const a = identities.get(kept.id);
    const b = identities.get(duplicate.id);
    if (!a || !b) return;
    const duplicateName = [b.givenName, b.familyName].filter(Boolean).join(' ').trim();
    const keptHasName = Boolean(a.givenName || a.familyName);
    const aliases = [...a.aliases];
    for (const alias of [...b.aliases, ...(keptHasName && duplicateName ? [duplicateName] : [])]) {
      if (!aliases.includes(alias)) aliases.push(alias);
    }
    await this.people.updateIdentity(manager, kept.id, {
      givenName: keptHasName ? a.givenName : b.givenName,
      familyName: keptHasName ? a.familyName : b.familyName,
      dateOfBirth: a.dateOfBirth ?? b.dateOfBirth,
      aliases,
    });
  }

  /** A station done under either registration counts as done for the person. */
  private async mergeStations(manager: EntityManager, kept: PersonRow, duplicate: PersonRow): Promise<void> {
    const keptTasks = new Map((await this.people.tasks(kept.id, manager)).map((t) => [t.station, t]));
    for (const task of await this.people.tasks(duplicate.id, manager)) {
      const mine = keptTasks.get(task.station);
      if (!mine || (furthestStatus(mine.status, task.status) === task.status && task.status !== mine.status)) {
        await this.people.copyTaskProgress(manager, kept.id, task);
      }
    }
  }
}
