import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  AgeCategory,
  applyPathwayFact,
  BankHolidays,
  bankHolidaysFromFeed,
  computeDeadlines,
  ENGLAND_AND_WALES,
  parseBankHolidayFeed,
  DeadlinePolicy,
  deadlinePolicy,
  describeLondon,
  englandAndWalesBankHolidays,
  factTime,
  PathwayFact,
  PathwayResult,
  PathwayStage,
  PathwayState,
  TriageOutcome,
} from '@safe-harbour/domain';
import { readFileSync } from 'node:fs';
import { EntityManager } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { conflict, notFound, unprocessable } from '../common/domain-error';
import { AppConfig } from '../config/config.schema';
import { OutboxEventInput, OutboxService } from '../live/outbox.service';
import { planDeadlines } from './deadline-plan';
import { deadlineData, pathwayEvent } from './pathway-events';
import { HistoryRow, PathwayPerson, PathwayRepository } from './pathway.repository';
import { CORRECTABLE_STAGES, personStage, replayStored, serialiseFact, StoredFact } from './stored-facts';

/** A client's clock may run a little ahead of ours; anything later than this is a fact dated in the future. */
export const FUTURE_TOLERANCE_MS = 60_000;

export type FactCause = 'recorded' | 'triage' | 'age_category' | 'merge';

export interface RecordOptions {
  cause?: FactCause;
  /** a triage that replaces the earlier triage (see stored-facts.ts) */
  correction?: boolean;
  /** for referrals: the first responder organisation that made it */
  firstResponderOrganisationId?: string;
  /** false when the caller's own audit row already describes this write (triage, merge, age change) */
  audit?: boolean;
  /** for outcomes: the reconsideration or assessment (already checked to be this person's) being decided */
  recordId?: string;
  /** for disqualifications: the risk assessment's notes */
  riskNotes?: string | null;
  /** for guardian referrals: the Independent Child Trafficking Guardian service's organisation */
  guardianOrganisationId?: string;
  now?: Date;
}

export interface RecordedFact {
  eventId: string;
  /** the referral, decision or missing episode the fact created, if any */
  recordId: string | null;
  person: PathwayPerson;
  from: { stage: PathwayStage; since: Date };
  state: PathwayState;
  /** the fact replaced an earlier triage */
  correction: boolean;
  /** `person.stage` before and after (the operations vocabulary; see `personStage`) */
  personStage: { from: string; to: string; changed: boolean };
  deadlines: { created: string[]; closed: Array<{ kind: string; state: 'met' | 'cancelled' }> };
}

const AUDIT_ACTIONS: Record<PathwayFact['type'], string> = {
  triage: 'pathway_triage',
  age_assessed: 'record_age_assessment',
  referral: 'record_referral',
  decision: 'record_decision',
  missing: 'report_missing',
  found: 'report_found',
  exit: 'record_exit',
  reconsideration_requested: 'request_reconsideration',
  reconsideration_decided: 'record_reconsideration_outcome',
  rna_requested: 'request_recovery_needs_assessment',
  rna_decided: 'record_recovery_needs_assessment_outcome',
  withdrawal: 'record_withdrawal',
  disqualification: 'record_disqualification',
  turned_18: 'record_turned_18',
  adult_consent: 'record_adult_consent',
  guardian_referral: 'record_guardian_referral',
};

/**
 * The one way a person's pathway changes. Every fact goes through `recordFact` inside the caller's
 * transaction: the person row is locked, the stored history is replayed through the pure model with the
 * new fact, and only an accepted fact is written, together with the person's stage, the records it
 * creates, the deadlines it starts or ends, the history row, the audit row and the outbox events.
 */
@Injectable()
export class PathwayService {
  readonly policy: DeadlinePolicy;
  private readonly holidays: BankHolidays;

  constructor(
    private readonly pathway: PathwayRepository,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.policy = deadlinePolicy(config.get('DEADLINE_POLICY', { infer: true }));
    const file = config.get('BANK_HOLIDAYS_FILE', { infer: true });
    this.holidays = file ? bankHolidaysFromFile(file) : englandAndWalesBankHolidays();
  }

  async recordFact(manager: EntityManager, actor: Actor, personId: string, fact: PathwayFact, options: RecordOptions = {}): Promise<RecordedFact> {
    const now = options.now ?? new Date();
    const { person, history, state: before } = await this.load(manager, personId, true);
    if (person.mergedIntoPersonId) {
      throw conflict('PERSON_MERGED', `${person.reference} was merged into another registration: record this on that one`, {
        mergedIntoPersonId: person.mergedIntoPersonId,
      });
    }
    const at = factTime(fact);
    if (at instanceof Date && at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
      throw unprocessable('FACT_IN_FUTURE', `The ${fact.type} is dated ${describeLondon(at)} (Europe/London), which has not happened yet`);
    }
    const stored: StoredFact = options.correction ? { ...fact, correction: true } : fact;
    const result = options.correction
      ? replayStored(this.start(person), [...history.map((h) => h.fact), stored])
      : applyPathwayFact(before, fact);
    if (!result.ok) throw refusal(result);
    const state = result.state;

    const cause = options.cause ?? 'recorded';
    const details: Record<string, unknown> = {};
    if (options.firstResponderOrganisationId) details.firstResponderOrganisationId = options.firstResponderOrganisationId;
    if (options.guardianOrganisationId) details.guardianOrganisationId = options.guardianOrganisationId;
    const recordedBy = actor.user?.id ?? null;
    const eventId = await this.pathway.insertEvent(manager, {
      personId,
      fact: serialiseFact(stored),
      fromStage: before.stage,
      toStage: state.stage,
      at,
      cause,
      details,
      recordedBy,
    });
    const stage = { from: person.stage, to: personStage(state.stage), changed: false };
    stage.changed = stage.to !== stage.from;
    // An exit is written with the stage in one statement: the row says exited exactly when it has an exit.
    if (fact.type === 'exit') await this.pathway.recordExit(manager, personId, fact.at, fact.outcome);
    else if (stage.changed) await this.pathway.setStage(manager, personId, stage.to, state.since);
    const recordId = await this.writeRecord(manager, person, state, fact, eventId, recordedBy, options);

    const events: OutboxEventInput[] = [];
    if (stage.changed) {
      events.push(
        pathwayEvent(person, 'person.stage_changed', {
          personId,
          reference: person.reference,
          from: stage.from,
          to: stage.to,
          pathwayFrom: before.stage,
          pathwayTo: state.stage,
          cause: cause === 'recorded' ? fact.type : cause,
        }),
      );
    }
    if (fact.type === 'missing') {
      events.push(pathwayEvent(person, 'person.missing', { personId, reference: person.reference, reportedAt: at.toISOString(), stageBefore: before.stage }));
    } else if (fact.type === 'found') {
      events.push(pathwayEvent(person, 'person.found', { personId, reference: person.reference, foundAt: at.toISOString(), returnedTo: state.stage }));
    }

    const deadlines = await this.reconcileDeadlines(manager, person, state, eventId, now, events, options.correction === true);
    await this.outbox.emit(manager, ...events);
    if (options.audit !== false) {
      await this.audit.record(manager, actor, {
        action: AUDIT_ACTIONS[fact.type],
        entityType: 'person',
        entityId: personId,
        details: {
          reference: person.reference,
          fact: serialiseFact(stored),
          ...details,
          fromStage: before.stage,
          toStage: state.stage,
          deadlinesCreated: deadlines.created,
          deadlinesClosed: deadlines.closed,
        },
      });
    }
    return { eventId, recordId, person, from: { stage: before.stage, since: before.since }, state, correction: options.correction === true, personStage: stage, deadlines };
  }

  /**
   * Keeps the pathway in step with a triage outcome or age category decided elsewhere (triage, a changed
   * age category, a merge of duplicates). Nothing is recorded when the pathway already says the same. A
   * potential victim whose triage changes is a correction; at any later stage the model refuses (409).
   */
  async syncTriage(
    manager: EntityManager,
    actor: Actor,
    personId: string,
    input: { outcome: TriageOutcome | null; ageCategory: AgeCategory; at: Date; cause: FactCause; exact?: boolean },
  ): Promise<RecordedFact | null> {
    if (!input.outcome) return null;
    const { state } = await this.load(manager, personId, true);
    if (state.triage?.outcome === input.outcome && state.ageCategory === input.ageCategory) return null;
    // A decision taken now may be carried from an earlier record (a merged duplicate): never before the
    // pathway's latest fact, which the model would refuse as out of order.
    // A time the caller was given (`exact`) is never moved: the model refuses it if it is out of order.
    const at = !input.exact && input.at.getTime() < state.lastFactAt.getTime() ? state.lastFactAt : input.at;
    return this.recordFact(
      manager,
      actor,
      personId,
      { type: 'triage', at, outcome: input.outcome, ageCategory: input.ageCategory },
      { cause: input.cause, correction: CORRECTABLE_STAGES.includes(state.stage) && state.triage !== undefined, audit: false },
    );
  }

  /**
   * A child turns 18 on the pathway (the deadline watcher calls this on the birthday): the adult route,
   * the adult deadlines from the birthday, "adult consent now needed" on the worklist, and the person's age
   * category follows, so placement reads the same answer. A birthday before the pathway's latest fact (the
   * watcher was not running that day) is recorded at that fact, never out of order.
   */
  async recordTurned18(manager: EntityManager, personId: string, birthday: Date, now = new Date()): Promise<RecordedFact | null> {
    const { state } = await this.load(manager, personId, true);
    if (state.ageCategory !== 'child' || state.turned18 || state.stage === 'exited') return null;
    const at = birthday.getTime() < state.lastFactAt.getTime() ? state.lastFactAt : birthday;
    const recorded = await this.recordFact(manager, {}, personId, { type: 'turned_18', at }, { cause: 'age_category', now });
    await this.pathway.setAgeCategory(manager, personId, 'adult');
    return recorded;
  }

  /** A registration merged into another stops counting: its live deadlines are withdrawn. */
  async retire(manager: EntityManager, personId: string): Promise<number> {
    const person = await this.pathway.lockPerson(manager, personId);
    if (!person) throw notFound('Person');
    const live = await this.pathway.liveDeadlines(manager, personId);
    const events: OutboxEventInput[] = [];
    for (const d of live) {
      await this.pathway.closeDeadline(manager, d.id, 'cancelled', null);
      events.push(pathwayEvent(person, 'deadline.closed', deadlineData(d, person, 'cancelled')));
    }
    await this.outbox.emit(manager, ...events);
    return live.length;
  }

  /** The person, their stored history and the state it replays to. */
  async load(manager: EntityManager, personId: string, lock: boolean): Promise<{ person: PathwayPerson; history: HistoryRow[]; state: PathwayState }> {
    const person = lock ? await this.pathway.lockPerson(manager, personId) : await this.pathway.findPerson(manager, personId);
    if (!person) throw notFound('Person');
    const history = await this.pathway.history(manager, personId);
    const replayed = replayStored(this.start(person), history.map((h) => h.fact));
    // The history was accepted fact by fact when written; if it no longer replays the model has changed
    // under it, and nothing should be recorded on top until someone looks.
    if (!replayed.ok) throw new Error(`the stored pathway of ${person.reference} no longer replays: ${replayed.code} ${replayed.reason}`);
    return { person, history, state: replayed.state };
  }

  private start(person: PathwayPerson) {
    return { encounteredAt: person.registeredAt, ageCategory: person.ageCategory, localAuthorityCode: person.localAuthorityCode };
  }

  private async writeRecord(
    manager: EntityManager,
    person: PathwayPerson,
    state: PathwayState,
    fact: PathwayFact,
    eventId: string,
    recordedBy: string | null,
    options: RecordOptions,
  ): Promise<string | null> {
    const round = state.referralRound;
    switch (fact.type) {
      case 'reconsideration_requested':
        return this.pathway.insertReconsideration(manager, { personId: person.id, round, decisionKind: fact.decisionKind, requestedAt: fact.at, eventId, recordedBy });
      case 'reconsideration_decided':
        await this.pathway.decideReconsideration(manager, options.recordId!, fact.outcome, fact.at, eventId);
        return options.recordId!;
      case 'rna_requested':
        return this.pathway.insertRecoveryNeedsAssessment(manager, { personId: person.id, round, requestedAt: fact.at, eventId, recordedBy });
      case 'rna_decided':
        await this.pathway.decideRecoveryNeedsAssessment(manager, options.recordId!, fact.outcome, fact.until ?? null, fact.at, eventId);
        return options.recordId!;
      case 'disqualification':
        return this.pathway.insertDisqualification(manager, {
          personId: person.id,
          round,
          decidedAt: fact.at,
          riskAssessedAt: fact.riskAssessedAt,
          riskOutcome: fact.riskOutcome,
          riskNotes: options.riskNotes ?? null,
          eventId,
          recordedBy,
        });
      case 'guardian_referral':
        return this.pathway.insertGuardianReferral(manager, { personId: person.id, referredAt: fact.at, guardianOrganisationId: options.guardianOrganisationId!, eventId, recordedBy });
      case 'age_assessed':
        return this.pathway.insertAgeAssessment(manager, { personId: person.id, outcome: fact.assessedAs, assessedAt: fact.at, eventId, recordedBy });
      case 'referral':
        if (!options.firstResponderOrganisationId) throw new Error('a referral needs its first responder organisation');
        return this.pathway.insertReferral(manager, {
          personId: person.id,
          kind: fact.kind,
          consent: fact.consent,
          submittedAt: fact.submittedAt,
          firstResponderOrganisationId: options.firstResponderOrganisationId,
          round,
          eventId,
          recordedBy,
        });
      case 'decision':
        return this.pathway.insertDecision(manager, { personId: person.id, kind: fact.kind, outcome: fact.outcome, decidedAt: fact.decidedAt, round, eventId, recordedBy });
      case 'missing':
        return this.pathway.insertMissing(manager, person.id, fact.reportedAt, recordedBy);
      case 'found':
        return this.pathway.markFound(manager, person.id, fact.foundAt, recordedBy);
      default:
        return null;
    }
  }

  private async reconcileDeadlines(
    manager: EntityManager,
    person: PathwayPerson,
    state: PathwayState,
    eventId: string,
    now: Date,
    events: OutboxEventInput[],
    withdrawn: boolean,
  ): Promise<RecordedFact['deadlines']> {
    const computed = computeDeadlines(state, this.policy, this.holidays);
    // The whole write rolls back: a fact whose deadlines cannot be computed truthfully is not recorded.
    if (!computed.ok) throw unprocessable(computed.code, computed.reason, computed.code === 'CALENDAR_NOT_COVERED' ? { years: computed.years } : undefined);
    const wanted = computed.deadlines;
    const live = await this.pathway.liveDeadlines(manager, person.id);
    const plan = planDeadlines(live, wanted, now, withdrawn);
    for (const { deadline, state: closedAs } of plan.close) {
      await this.pathway.closeDeadline(manager, deadline.id, closedAs, eventId);
      events.push(pathwayEvent(person, 'deadline.closed', deadlineData(deadline, person, closedAs)));
    }
    for (const { deadline, state: initial } of plan.create) {
      const id = await this.pathway.insertDeadline(manager, person.id, deadline, initial, eventId);
      const data = deadlineData({ ...deadline, id }, person, initial);
      events.push(pathwayEvent(person, 'deadline.created', data));
      // Recorded late, a deadline may start already due soon or overdue: that change is raised now, once.
      if (initial !== 'pending') events.push(pathwayEvent(person, initial === 'due_soon' ? 'deadline.due_soon' : 'deadline.overdue', data));
    }
    return {
      created: plan.create.map((c) => c.deadline.kind),
      closed: plan.close.map((c) => ({ kind: c.deadline.kind, state: c.state })),
    };
  }
}

/** A deployment's own bank-holiday file: refused at start, with every problem, when it is not a valid feed. */
export function bankHolidaysFromFile(path: string): BankHolidays {
  const parsed = parseBankHolidayFeed(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.ok) throw new Error(`BANK_HOLIDAYS_FILE ${path} is invalid: ${parsed.errors.join('; ')}`);
  return bankHolidaysFromFeed(parsed.feed, ENGLAND_AND_WALES);
}

/** Clashes with the current stage are 409 ILLEGAL_TRANSITION; facts that break a rule whatever the stage, 422. */
export function refusal(result: Extract<PathwayResult, { ok: false }>) {
  return result.kind === 'conflict'
    ? conflict('ILLEGAL_TRANSITION', result.reason, { pathwayCode: result.code })
    : unprocessable(result.code, result.reason);
}
