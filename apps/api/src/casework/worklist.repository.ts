import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { StoredDeadlineState } from '@safe-harbour/domain';
import { DataSource, EntityManager } from 'typeorm';

/** One stored deadline with the person and operation it belongs to: what a worklist row is made of. */
export interface WorklistRow {
  deadlineId: string;
  kind: string;
  dueAt: Date;
  dueSoonAt: Date;
  rule: string;
  policyVersion: string;
  effect: string;
  explanation: string;
  source: string;
  caveat: string | null;
  deadlineState: StoredDeadlineState;
  stateChangedAt: Date;
  personId: string;
  reference: string;
  personStage: string;
  ageCategory: string;
  operationId: string;
  operationName: string;
  operationCode: string;
  localAuthorityCode: string;
}

export interface AwaitingRow {
  kind: 'reconsideration' | 'recovery_needs_assessment';
  requestId: string;
  decisionKind: string | null;
  since: Date;
  personId: string;
  reference: string;
  personStage: string;
  operationId: string;
  operationName: string;
  operationCode: string;
  localAuthorityCode: string;
}

export interface WorklistFilter {
  /** the operations the viewer may see (the access layer's operation scope); null: every operation (admins) */
  operationIds: string[] | null;
  operationId?: string;
  localAuthorityCode?: string;
  kinds?: string[];
  now: Date;
  horizonHours: number;
  metWithinHours: number;
  limit: number;
}

/** All SQL of the worklist: the candidate deadlines of the operations a viewer may see. */
@Injectable()
export class WorklistRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Live deadlines that are due soon, overdue, or due within the horizon, and deadlines met within the
   * look-back, of people (not merged away) in operations visible to the viewer: the same rule as the
   * operation and its people's timelines. Rows are candidates; `worklistState` decides each one's place.
   */
  async candidates(manager: EntityManager, f: WorklistFilter): Promise<WorklistRow[]> {
    const H = 3_600_000;
    return manager.query(
      `select d.id as "deadlineId", d.kind, d.due_at as "dueAt", d.due_soon_at as "dueSoonAt", d.rule,
              d.policy_version as "policyVersion", d.effect, d.explanation, d.source, d.caveat,
              d.state as "deadlineState", d.state_changed_at as "stateChangedAt",
              p.id as "personId", p.reference, p.stage as "personStage", p.age_category as "ageCategory",
              o.id as "operationId", o.name as "operationName", o.code as "operationCode",
              o.local_authority_code as "localAuthorityCode"
       from deadline d
       join person p on p.id = d.person_id
       join operation o on o.id = p.operation_id
       where ($1::uuid[] is null or o.id = any($1::uuid[]))
         and ($2::uuid is null or o.id = $2)
         and ($3::text is null or o.local_authority_code = $3)
         and ($4::text[] is null or d.kind = any($4::text[]))
         and p.merged_into_person_id is null
         and ((d.state in ('due_soon','overdue'))
              or (d.state = 'pending' and (d.due_at <= $6 or d.due_soon_at <= $5))
              or (d.state = 'met' and d.state_changed_at >= $7))
       order by d.due_at, p.reference, d.kind
       limit $8`,
      [
        f.operationIds,
        f.operationId ?? null,
        f.localAuthorityCode ?? null,
        f.kinds?.length ? f.kinds : null,
        f.now,
        new Date(f.now.getTime() + f.horizonHours * H),
        new Date(f.now.getTime() - f.metWithinHours * H),
        f.limit,
      ],
    );
  }

  /**
   * Requests waiting for the competent authority's outcome (reconsiderations of negative decisions, Recovery
   * Needs Assessments and extension requests): no date is due, but someone must chase them. Same scope.
   */
  async awaitingOutcome(manager: EntityManager, f: Pick<WorklistFilter, 'operationIds' | 'operationId' | 'localAuthorityCode' | 'limit'>): Promise<AwaitingRow[]> {
    return manager.query(
      `select a.kind, a.id as "requestId", a."decisionKind", a.since, p.id as "personId", p.reference, p.stage as "personStage",
              o.id as "operationId", o.name as "operationName", o.code as "operationCode", o.local_authority_code as "localAuthorityCode"
       from (select 'reconsideration' as kind, id, person_id, decision_kind as "decisionKind", requested_at as since
               from reconsideration where outcome is null
             union all
             select 'recovery_needs_assessment', id, person_id, null, requested_at
               from recovery_needs_assessment where outcome is null) a
       join person p on p.id = a.person_id
       join operation o on o.id = p.operation_id
       where ($1::uuid[] is null or o.id = any($1::uuid[]))
         and ($2::uuid is null or o.id = $2)
         and ($3::text is null or o.local_authority_code = $3)
         and p.merged_into_person_id is null and p.stage <> 'exited'
       order by a.since, p.reference
       limit $4`,
      [f.operationIds, f.operationId ?? null, f.localAuthorityCode ?? null, f.limit],
    );
  }

  /** One read-only snapshot for the rows and the outbox position they reflect. */
  snapshot<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', work);
  }

  async currentSeq(manager: EntityManager): Promise<number> {
    const [row] = await manager.query(`select coalesce(max(seq), 0)::bigint as seq from outbox_event`);
    return Number(row.seq);
  }
}
