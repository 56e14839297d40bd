import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { checkAgeAgainstDateOfBirth, isTriageStage, treatedAsChild } from '@safe-harbour/domain';
import { DataSource } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/roles';
import { notFound, unprocessable } from '../common/domain-error';
import { decodeCursor, Page, toPage } from '../common/pagination';
import { OutboxService } from '../live/outbox.service';
import { OperationAccess, VisibleOperation } from '../operations/operation-access';
import { operationEvent } from '../operations/operation-events';
import { PathwayService } from '../pathway/pathway.service';
import { ListPeopleQuery, UpdatePersonDto } from './people.dto';
import { PeopleRepository, PersonChanges, PersonRow } from './people.repository';
import { assertNotMerged, PersonAccess } from './person-access';
import { fullView, NarrowPersonView, narrowView, PersonView } from './person-views';
import { ageError, placementFactsOf } from './registration.service';
import { StationsService } from './stations.service';

/** Reading people's records and correcting their operational facts (needs, group, flags, age category). */
@Injectable()
export class PeopleService {
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

  async get(actor: Actor & { user: AuthUser }, personId: string, includeIdentity = false, reason?: string): Promise<PersonView | NarrowPersonView> {
    const { person, op } = await this.personAccess.visible(actor.user, personId);
    if (includeIdentity) this.access.assertCanSeePersonalData(actor.user, op);
    const [view] = await this.present(actor, op, [person], includeIdentity, reason, 'person');
    return view;
  }

  async list(actor: Actor & { user: AuthUser }, operationId: string, query: ListPeopleQuery): Promise<Page<PersonView | NarrowPersonView>> {
    const op = await this.access.visible(actor.user, operationId);
    if (query.includeIdentity) this.access.assertCanSeePersonalData(actor.user, op);
    const limit = query.limit ?? 100;
    const after = decodeCursor<{ seq: number }>(query.cursor);
    const rows = await this.people.list(operationId, query, limit, after?.seq);
    const page = toPage(rows, limit, (last) => ({ seq: last.seq }));
    return { ...page, items: await this.present(actor, op, page.items, query.includeIdentity ?? false, query.reason, 'people') };
  }

  /**
   * Every person whose names are returned is one `read_personal_data` row in the audit trail, and every
   * person whose triage notes are returned one `read_triage_notes` row. Readers outside the usual path
   * give a reason (break-glass, kept in those rows); without one, names are refused and notes withheld.
   */
  private async present(
    actor: Actor & { user: AuthUser },
    op: VisibleOperation,
    rows: PersonRow[],
    includeIdentity: boolean,
    reason: string | undefined,
    via: string,
  ) {
    if (this.access.isNarrowView(actor.user, op)) return rows.map(narrowView);
    const personalData = this.access.canSeePersonalData(actor.user, op);
    const identityRead = includeIdentity ? this.access.requireSensitiveRead(actor.user, 'identity', reason) : null;
    const notesRead = personalData ? this.access.sensitiveReadOrWithhold(actor.user, 'triage_notes', reason) : null;
    const showNotes = personalData && notesRead !== null;
    const identities = includeIdentity ? await this.people.identities(rows.map((r) => r.id)) : null;
    const glass = (read: { breakGlass?: string } | null) => (read?.breakGlass ? { breakGlass: true, reason: read.breakGlass } : {});
    await this.audit.recordMany(null, actor, [
      ...(identityRead
        ? rows.map((r) => ({
            action: 'read_personal_data',
            entityType: 'person',
            entityId: r.id,
            details: { reference: r.reference, operationId: op.id, via, ...glass(identityRead) },
          }))
        : []),
      ...(showNotes
        ? rows
            .filter((r) => r.triageNotes)
            .map((r) => ({
              action: 'read_triage_notes',
              entityType: 'person',
              entityId: r.id,
              details: { reference: r.reference, operationId: op.id, via, ...glass(notesRead) },
            }))
        : []),
    ]);
    return rows.map((p) => {
      const view = fullView(p, { personalData: showNotes, ...(identities ? { identity: identities.get(p.id) ?? null } : {}) });
      return personalData && !showNotes && p.triageNotes ? { ...view, triageNotesWithheld: true } : view;
    });
  }

  async update(actor: Actor & { user: AuthUser }, personId: string, dto: UpdatePersonDto): Promise<PersonView> {
    const { op } = await this.personAccess.workable(actor.user, personId);
    return this.dataSource.transaction(async (manager) => {
      const person = (await this.people.lock(manager, [personId])).get(personId);
      if (!person) throw notFound('Person');
      assertNotMerged(person);
      if (dto.groupId && !(await this.people.groupExists(manager, person.operationId, dto.groupId))) {
        throw unprocessable('UNKNOWN_GROUP', 'groupId names no group of this operation');
      }
      const placementFacts = placementFactsOf(dto, person.needs, person.dependants);
      const changes: PersonChanges = {
        sex: dto.sex,
        nationality: dto.nationality === undefined ? undefined : (dto.nationality?.trim() ?? null),
        languages: dto.languages,
        interpreterNeeded: dto.interpreterNeeded,
        needs: placementFacts.needs,
        recourseToPublicFunds: dto.recourseToPublicFunds,
        dependants: placementFacts.dependants,
        keepAwayFrom: placementFacts.keepAwayFrom,
        groupId: dto.groupId,
        possibleController: dto.possibleController,
        exploitationType: dto.exploitationType,
        // the county-lines flag qualifies criminal exploitation only: another kind clears it
        ...(dto.exploitationType !== undefined && dto.exploitationType !== 'criminal' && dto.exploitationType !== 'multiple' ? { countyLines: false } : {}),
      };
      let ageChanged = false;
      if (dto.ageCategory && dto.ageCategory !== person.ageCategory) {
        const identity = (await this.people.identities([personId], manager)).get(personId);
        const age = checkAgeAgainstDateOfBirth(dto.ageCategory, identity?.dateOfBirth, new Date());
        if (!age.ok) throw ageError(age.code, age.reason);
        changes.ageCategory = dto.ageCategory;
        // Once referred to children's services the referral stands, whatever an assessment later finds.
        if (treatedAsChild(dto.ageCategory)) changes.childrenServicesReferred = true;
        ageChanged = true;
      }
      const fields = Object.entries(changes).filter(([, v]) => v !== undefined).map(([k]) => k);
      if (fields.length === 0) return fullView(person, { personalData: this.access.canSeePersonalData(actor.user, op) });
      let updated = await this.people.update(manager, personId, changes);
      const checklist = await this.stations.sync(manager, updated);
      await this.outbox.emit(
        manager,
        operationEvent(op, 'person.updated', {
          personId,
          reference: person.reference,
          fields,
          ageCategory: updated.ageCategory,
          keepApart: updated.keepApart,
          groupId: updated.groupId,
        }),
      );
      // While triage still decides the stage, a new age category may move it (pre-NRM <-> children's
      // services): the pathway records that as a corrected triage, with its deadlines.
      const recorded =
        ageChanged && person.triageOutcome && isTriageStage(person.stage)
          ? await this.pathway.syncTriage(manager, actor, personId, { outcome: person.triageOutcome, ageCategory: dto.ageCategory!, at: new Date(), cause: 'age_category' })
          : null;
      if (recorded) updated = (await this.people.find(personId, manager))!;
      await this.audit.record(manager, actor, {
        action: 'update',
        entityType: 'person',
        entityId: personId,
        details: {
          fields,
          stationsAdded: checklist.added,
          stationsRemoved: checklist.removed,
          ...(recorded?.personStage.changed ? { from: person.stage, to: updated.stage } : {}),
        },
      });
      return fullView(updated, { personalData: this.access.canSeePersonalData(actor.user, op) });
    });
  }
}
