import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { moveStationTask, planChecklist, Station, STATIONS, stationsFor } from '@safe-harbour/domain';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/roles';
import { conflict, notFound, unprocessable } from '../common/domain-error';
import { OutboxService } from '../live/outbox.service';
import { OperationAccess } from '../operations/operation-access';
import { operationEvent } from '../operations/operation-events';
import { UpdateStationDto } from './people.dto';
import { PeopleRepository, PersonRow, StationTaskRow } from './people.repository';
import { PersonAccess } from './person-access';

export interface StationBoard {
  station: Station;
  queued: Array<{ personId: string; reference: string; ageCategory: string; queuedAt: Date; waitingMinutes: number }>;
  inProgress: Array<{ personId: string; reference: string; startedAt: Date | null; updatedBy: string | null }>;
  done: number;
  longestWaitMinutes: number | null;
}

/** The centre's stations: each person's checklist, and the queue at each station. */
@Injectable()
export class StationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly people: PeopleRepository,
    private readonly personAccess: PersonAccess,
    private readonly access: OperationAccess,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  /** Re-derive the checklist after anything that changes which stations apply (triage, age, interpreter). */
  async sync(manager: EntityManager, person: PersonRow): Promise<{ added: Station[]; removed: Station[] }> {
    const current = await this.people.tasks(person.id, manager);
    const required = stationsFor({ triageOutcome: person.triageOutcome, ageCategory: person.ageCategory, interpreterNeeded: person.interpreterNeeded });
    const plan = planChecklist(current, required);
    await this.people.addTasks(manager, person.id, plan.add);
    await this.people.removeQueuedTasks(manager, person.id, plan.remove);
    return { added: plan.add, removed: plan.remove };
  }

  async checklist(user: AuthUser, personId: string): Promise<StationTaskRow[]> {
    await this.personAccess.visible(user, personId);
    return this.people.tasks(personId);
  }

  async move(actor: Actor & { user: AuthUser }, personId: string, station: string, dto: UpdateStationDto): Promise<StationTaskRow[]> {
    if (!(STATIONS as readonly string[]).includes(station)) throw notFound('Station');
    const { person, op } = await this.personAccess.workable(actor.user, personId);
    return this.dataSource.transaction(async (manager) => {
      const task = await this.people.lockTask(manager, personId, station as Station);
      if (!task) throw unprocessable('STATION_NOT_APPLICABLE', `${station} is not on ${person.reference}'s checklist`);
      if (task.status === dto.status) return this.people.tasks(personId, manager);
      const move = moveStationTask(task.status, dto.status);
      if (!move.ok) throw conflict(move.code, move.reason);
      await this.people.moveTask(manager, personId, task.station, dto.status, actor.user.id);
      await this.audit.record(manager, actor, {
        action: 'station_update',
        entityType: 'person',
        entityId: personId,
        details: { station, from: task.status, to: dto.status },
      });
      await this.outbox.emit(
        manager,
        operationEvent(op, 'station.updated', { personId, reference: person.reference, station, from: task.status, to: dto.status }),
      );
      return this.people.tasks(personId, manager);
    });
  }

  async board(user: AuthUser, operationId: string): Promise<StationBoard[]> {
    await this.access.visible(user, operationId);
    const rows = await this.people.stationBoard(operationId);
    return STATIONS.map((station) => {
      const at = rows.filter((r) => r.station === station);
      const queued = at
        .filter((r) => r.status === 'queued')
        .map((r) => ({ personId: r.personId, reference: r.reference, ageCategory: r.ageCategory, queuedAt: r.queuedAt, waitingMinutes: r.waitingMinutes ?? 0 }));
      return {
        station,
        queued,
        inProgress: at
          .filter((r) => r.status === 'in_progress')
          .map((r) => ({ personId: r.personId, reference: r.reference, startedAt: r.startedAt, updatedBy: r.updatedBy })),
        done: at.filter((r) => r.status === 'done').length,
        longestWaitMinutes: queued.length > 0 ? Math.max(...queued.map((q) => q.waitingMinutes)) : null,
      };
    });
  }
}
