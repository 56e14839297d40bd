import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AgeCategory, Deadline, ExitOutcome, PathwayStage, TriageOutcome } from '@safe-harbour/domain';
import { DataSource, EntityManager } from 'typeorm';
import { DeadlineState, LiveDeadline, LiveDeadlineState } from './deadline-plan';
import { parseFact, StoredFact } from './stored-facts';

/** The person as the pathway needs them, with the scope every event is addressed to. */
export interface PathwayPerson {
  id: string;
  operationId: string;
  reference: string;
  ageCategory: AgeCategory;
  triageOutcome: TriageOutcome | null;
  stage: string;
  stageSince: Date;
  registeredAt: Date;
  mergedIntoPersonId: string | null;
  localAuthorityCode: string;
  leadOrganisationId: string;
}

export interface HistoryRow {
  id: string;
  fact: StoredFact;
  fromStage: PathwayStage;
  toStage: PathwayStage;
  at: Date;
  cause: string;
  details: Record<string, unknown>;
  recordedBy: string | null;
  recordedAt: Date;
}

export interface DeadlineRow extends LiveDeadline {
  personId: string;
  dueSoonAt: Date;
  effect: string;
  basis: string;
  basisAt: Date;
  explanation: string;
  source: string;
  caveat: string | null;
  state: LiveDeadlineState;
  stateChangedAt: Date;
}

export interface StoredDeadline extends Omit<DeadlineRow, 'state'> {
  state: DeadlineState;
}

/** A live deadline claimed by the watcher, with what its events are addressed to. */
export interface WatchedDeadline extends DeadlineRow {
  reference: string;
  operationId: string;
  localAuthorityCode: string;
  leadOrganisationId: string;
}

const PERSON_COLUMNS = `
  p.id, p.operation_id as "operationId", p.reference, p.age_category as "ageCategory", p.triage_outcome as "triageOutcome",
  p.stage, p.stage_since as "stageSince", p.registered_at as "registeredAt", p.merged_into_person_id as "mergedIntoPersonId",
  o.local_authority_code as "localAuthorityCode", o.lead_organisation_id as "leadOrganisationId"`;

const DEADLINE_COLUMNS = `
  d.id, d.person_id as "personId", d.kind, d.due_at as "dueAt", d.due_soon_at as "dueSoonAt", d.rule,
  d.policy_version as "policyVersion", d.effect, d.basis, d.basis_at as "basisAt", d.explanation, d.source, d.caveat,
  d.state, d.state_changed_at as "stateChangedAt"`;

const LIVE = `('pending','due_soon','overdue')`;

/** All SQL of the NRM pathway: its history, the records facts create, and deadlines. */
@Injectable()
export class PathwayRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  async lockPerson(manager: EntityManager, personId: string): Promise<PathwayPerson | null> {
    const rows = await manager.query(
      `select ${PERSON_COLUMNS} from person p join operation o on o.id = p.operation_id where p.id = $1 for update of p`,
      [personId],
    );
    return rows[0] ?? null;
  }

  async findPerson(manager: EntityManager | null, personId: string): Promise<PathwayPerson | null> {
    const rows = await (manager ?? this.dataSource.manager).query(
      `select ${PERSON_COLUMNS} from person p join operation o on o.id = p.operation_id where p.id = $1`,
      [personId],
    );
    return rows[0] ?? null;
  }

  async history(manager: EntityManager | null, personId: string): Promise<HistoryRow[]> {
    const rows: Array<HistoryRow & { fact: Record<string, unknown> }> = await (manager ?? this.dataSource.manager).query(
      `select id::text, fact, from_stage as "fromStage", to_stage as "toStage", at, cause, details,
              recorded_by as "recordedBy", recorded_at as "recordedAt"
       from pathway_event e where e.person_id = $1 order by e.id`,
      [personId],
    );
    return rows.map((r) => ({ ...r, fact: parseFact(r.fact) }));
  }

  async insertEvent(
    manager: EntityManager,
    e: { personId: string; fact: Record<string, unknown>; fromStage: PathwayStage; toStage: PathwayStage; at: Date; cause: string; details: Record<string, unknown>; recordedBy: string | null },
  ): Promise<string> {
    const [row] = await manager.query(
      `insert into pathway_event (person_id, fact, from_stage, to_stage, at, cause, details, recorded_by)
       values ($1, $2::jsonb, $3, $4, $5, $6, $7::jsonb, $8) returning id::text`,
      [e.personId, JSON.stringify(e.fact), e.fromStage, e.toStage, e.at, e.cause, JSON.stringify(e.details), e.recordedBy],
    );
    return row.id;
  }

  async setStage(manager: EntityManager, personId: string, stage: string, since: Date): Promise<void> {
    await manager.query(`update person set stage = $2, stage_since = $3, updated_at = now() where id = $1`, [personId, stage, since]);
  }

  /** Leaving support ends the wait for a bed too. */
  async recordExit(manager: EntityManager, personId: string, at: Date, outcome: ExitOutcome): Promise<void> {
    await manager.query(
      `update person set stage = 'exited', stage_since = $2, exited_at = $2, exit_outcome = $3, awaiting_bed_since = null, updated_at = now()
       where id = $1`,
      [personId, at, outcome],
    );
  }

  // ---- records created by facts ----

  async insertReferral(
    manager: EntityManager,
    r: { personId: string; kind: string; consent: boolean; submittedAt: Date; firstResponderOrganisationId: string; round: number; eventId: string; recordedBy: string | null },
  ): Promise<string> {
    const [row] = await manager.query(
      `insert into referral (person_id, kind, consent, submitted_at, first_responder_organisation_id, round, pathway_event_id, recorded_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
      [r.personId, r.kind, r.consent, r.submittedAt, r.firstResponderOrganisationId, r.round, r.eventId, r.recordedBy],
    );
    return row.id;
  }

  async insertDecision(
    manager: EntityManager,
    d: { personId: string; kind: string; outcome: string; decidedAt: Date; round: number; eventId: string; recordedBy: string | null },
  ): Promise<string> {
    const [row] = await manager.query(
      `insert into decision (person_id, kind, outcome, decided_at, round, pathway_event_id, recorded_by)
       values ($1, $2, $3, $4, $5, $6, $7) returning id`,
      [d.personId, d.kind, d.outcome, d.decidedAt, d.round, d.eventId, d.recordedBy],
    );
    return row.id;
  }

  async insertMissing(manager: EntityManager, personId: string, reportedAt: Date, recordedBy: string | null): Promise<string> {
    const [row] = await manager.query(
      `insert into missing_episode (person_id, reported_at, recorded_by) values ($1, $2, $3) returning id`,
      [personId, reportedAt, recordedBy],
    );
    return row.id;
  }

  async markFound(manager: EntityManager, personId: string, foundAt: Date, recordedBy: string | null): Promise<string | null> {
    const rows = await manager.query(
      `with found as (
         update missing_episode set found_at = $2, found_recorded_by = $3
         where person_id = $1 and found_at is null returning id)
       select id from found`,
      [personId, foundAt, recordedBy],
    );
    return rows[0]?.id ?? null;
  }

  async markBedReleased(manager: EntityManager, personId: string, at: Date): Promise<void> {
    await manager.query(`update missing_episode set bed_released_at = $2 where person_id = $1 and found_at is null`, [personId, at]);
  }

  async firstResponder(manager: EntityManager, organisationId: string): Promise<{ name: string; kind: string; firstResponder: boolean } | null> {
    const rows = await manager.query(
      `select name, kind, first_responder as "firstResponder" from organisation where id = $1 for share`,
      [organisationId],
    );
    return rows[0] ?? null;
  }

  async insertReconsideration(
    manager: EntityManager,
    r: { personId: string; round: number; decisionKind: string; requestedAt: Date; eventId: string; recordedBy: string | null },
  ): Promise<string> {
    const [row] = await manager.query(
      `insert into reconsideration (person_id, round, decision_kind, requested_at, request_event_id, recorded_by)
       values ($1, $2, $3, $4, $5, $6) returning id`,
      [r.personId, r.round, r.decisionKind, r.requestedAt, r.eventId, r.recordedBy],
    );
    return row.id;
  }

  async findReconsideration(manager: EntityManager, personId: string, id: string): Promise<{ id: string; decisionKind: string; outcome: string | null } | null> {
    const rows = await manager.query(
      `select id, decision_kind as "decisionKind", outcome from reconsideration where id = $1 and person_id = $2`,
      [id, personId],
    );
    return rows[0] ?? null;
  }

  async decideReconsideration(manager: EntityManager, id: string, outcome: string, decidedAt: Date, eventId: string): Promise<void> {
    await manager.query(
      `update reconsideration set outcome = $2, decided_at = $3, outcome_event_id = $4 where id = $1 and outcome is null`,
      [id, outcome, decidedAt, eventId],
    );
  }

  async insertRecoveryNeedsAssessment(
    manager: EntityManager,
    r: { personId: string; round: number; requestedAt: Date; eventId: string; recordedBy: string | null },
  ): Promise<string> {
    const [row] = await manager.query(
      `insert into recovery_needs_assessment (person_id, round, requested_at, request_event_id, recorded_by)
       values ($1, $2, $3, $4, $5) returning id`,
      [r.personId, r.round, r.requestedAt, r.eventId, r.recordedBy],
    );
    return row.id;
  }

  async findRecoveryNeedsAssessment(manager: EntityManager, personId: string, id: string): Promise<{ id: string; outcome: string | null } | null> {
    const rows = await manager.query(`select id, outcome from recovery_needs_assessment where id = $1 and person_id = $2`, [id, personId]);
    return rows[0] ?? null;
  }

  async decideRecoveryNeedsAssessment(manager: EntityManager, id: string, outcome: string, until: string | null, decidedAt: Date, eventId: string): Promise<void> {
    await manager.query(
      `update recovery_needs_assessment set outcome = $2, extended_until = $3, decided_at = $4, outcome_event_id = $5
       where id = $1 and outcome is null`,
      [id, outcome, until, decidedAt, eventId],
    );
  }

  async insertDisqualification(
    manager: EntityManager,
    d: { personId: string; round: number; decidedAt: Date; riskAssessedAt: Date; riskOutcome: string; riskNotes: string | null; eventId: string; recordedBy: string | null },
  ): Promise<string> {
    const [row] = await manager.query(
      `insert into disqualification (person_id, round, decided_at, risk_assessed_at, risk_outcome, risk_notes, pathway_event_id, recorded_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
      [d.personId, d.round, d.decidedAt, d.riskAssessedAt, d.riskOutcome, d.riskNotes, d.eventId, d.recordedBy],
    );
    return row.id;
  }

  async setAgeCategory(manager: EntityManager, personId: string, ageCategory: 'adult' | 'child'): Promise<void> {
    await manager.query(
      `update person set age_category = $2, children_services_referred = children_services_referred or $2 <> 'adult', updated_at = now() where id = $1`,
      [personId, ageCategory],
    );
  }

  /**
   * Children on the pathway whose claimed date of birth says they are 18 by `today` (a Europe/London date,
   * with a day's margin: the exact birthday, 29 February included, is the domain's to decide).
   */
  async childrenTurning18(manager: EntityManager, today: string, limit: number): Promise<Array<{ personId: string; dateOfBirth: string }>> {
    return manager.query(
      `select p.id as "personId", to_char(i.date_of_birth, 'YYYY-MM-DD') as "dateOfBirth"
       from person p join person_identity i on i.person_id = p.id
       where p.age_category = 'child' and p.stage <> 'exited' and p.merged_into_person_id is null
         and p.triage_outcome = 'potential_victim'
         and i.date_of_birth is not null and i.date_of_birth + interval '18 years' <= $1::date + 1
       order by i.date_of_birth
       limit $2`,
      [today, limit],
    );
  }

  async insertGuardianReferral(
    manager: EntityManager,
    g: { personId: string; referredAt: Date; guardianOrganisationId: string; eventId: string; recordedBy: string | null },
  ): Promise<string> {
    const [row] = await manager.query(
      `insert into guardian_referral (person_id, referred_at, guardian_organisation_id, pathway_event_id, recorded_by)
       values ($1, $2, $3, $4, $5) returning id`,
      [g.personId, g.referredAt, g.guardianOrganisationId, g.eventId, g.recordedBy],
    );
    return row.id;
  }

  async organisationExists(manager: EntityManager, organisationId: string): Promise<boolean> {
    const rows = await manager.query(`select 1 from organisation where id = $1 for share`, [organisationId]);
    return rows.length === 1;
  }

  /** An age assessment is recorded, and the person's age category follows it (placement reads that). */
  async insertAgeAssessment(
    manager: EntityManager,
    a: { personId: string; outcome: 'adult' | 'child'; assessedAt: Date; eventId: string; recordedBy: string | null },
  ): Promise<string> {
    const [row] = await manager.query(
      `insert into age_assessment (person_id, outcome, assessed_at, pathway_event_id, recorded_by) values ($1, $2, $3, $4, $5) returning id`,
      [a.personId, a.outcome, a.assessedAt, a.eventId, a.recordedBy],
    );
    await manager.query(
      `update person set age_category = $2, children_services_referred = children_services_referred or $2 = 'child', updated_at = now() where id = $1`,
      [a.personId, a.outcome],
    );
    return row.id;
  }

  // ---- deadlines ----

  async liveDeadlines(manager: EntityManager, personId: string): Promise<DeadlineRow[]> {
    return manager.query(
      `select ${DEADLINE_COLUMNS} from deadline d where d.person_id = $1 and d.state in ${LIVE} order by d.due_at for update`,
      [personId],
    );
  }

  async deadlines(personId: string): Promise<StoredDeadline[]> {
    return this.dataSource.query(`select ${DEADLINE_COLUMNS} from deadline d where d.person_id = $1 order by d.due_at, d.created_at`, [personId]);
  }

  async insertDeadline(manager: EntityManager, personId: string, d: Deadline, state: LiveDeadlineState, eventId: string | null): Promise<string> {
    const [row] = await manager.query(
      `insert into deadline (person_id, kind, due_at, due_soon_at, rule, policy_version, effect, basis, basis_at, explanation,
                             source, caveat, state, created_by_event_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) returning id`,
      [
        personId, d.kind, d.dueAt, d.dueSoonAt, d.rule, d.policyVersion, d.effect, d.basis.event, d.basis.at, d.explanation,
        d.source, d.caveat ?? null, state, eventId,
      ],
    );
    return row.id;
  }

  async closeDeadline(manager: EntityManager, id: string, state: 'met' | 'cancelled', eventId: string | null): Promise<void> {
    await manager.query(
      `update deadline set state = $2, state_changed_at = now(), closed_by_event_id = $3 where id = $1 and state in ${LIVE}`,
      [id, state, eventId],
    );
  }

  /**
   * Live deadlines that may move forward at `now`, each locked with its person. SKIP LOCKED: several
   * watchers (one per server process) share the work and never both take a row; a deadline whose person
   * is being changed right now is left for the next tick, after that change has settled it.
   */
  async claimDeadlinesToAdvance(manager: EntityManager, now: Date, limit: number): Promise<WatchedDeadline[]> {
    return manager.query(
      `select ${DEADLINE_COLUMNS}, p.reference, p.operation_id as "operationId", o.local_authority_code as "localAuthorityCode",
              o.lead_organisation_id as "leadOrganisationId"
       from deadline d join person p on p.id = d.person_id join operation o on o.id = p.operation_id
       where d.state in ('pending','due_soon') and d.due_soon_at <= $1
         and (d.state = 'pending' or d.due_at < $1)
       order by d.due_soon_at
       limit $2
       for update of d, p skip locked`,
      [now, limit],
    );
  }

  async advanceDeadline(manager: EntityManager, id: string, from: LiveDeadlineState, to: LiveDeadlineState): Promise<boolean> {
    const rows = await manager.query(
      `with moved as (update deadline set state = $3, state_changed_at = now() where id = $1 and state = $2 returning id) select id from moved`,
      [id, from, to],
    );
    return rows.length === 1;
  }

  // ---- reads for the timeline ----

  async missingEpisodes(personId: string): Promise<Array<{ id: string; reportedAt: Date; foundAt: Date | null; bedReleasedAt: Date | null }>> {
    return this.dataSource.query(
      `select id, reported_at as "reportedAt", found_at as "foundAt", bed_released_at as "bedReleasedAt"
       from missing_episode where person_id = $1 order by reported_at`,
      [personId],
    );
  }
}
