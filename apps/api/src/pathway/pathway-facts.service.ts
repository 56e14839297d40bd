import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PathwayFact } from '@safe-harbour/domain';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../audit/audit.service';
import { AuthUser } from '../auth/roles';
import { notFound, unprocessable } from '../common/domain-error';
import { OperationAccess } from '../operations/operation-access';
import { PersonAccess } from '../people/person-access';
import {
  AdultConsentDto,
  GuardianReferralDto,
  AgeAssessmentDto,
  DecisionDto,
  DisqualificationDto,
  ExitDto,
  FoundDto,
  MissingDto,
  ReconsiderationDto,
  ReconsiderationOutcomeDto,
  RecoveryNeedsAssessmentDto,
  RecoveryNeedsAssessmentOutcomeDto,
  ReferralDto,
  WithdrawalDto,
} from './pathway.dto';
import { PathwayRepository } from './pathway.repository';
import { PathwayService, RecordOptions } from './pathway.service';
import { Timeline, TimelineService } from './timeline.service';

/** `id` is the record the fact created or decided (referral, decision, missing episode, reconsideration, ...). */
export type FactAnswer = { id?: string; historySeq: number; personId: string; reference: string } & Pick<Timeline, 'stage' | 'since' | 'route' | 'status' | 'deadlines' | 'nextDeadline'>;

/**
 * The pathway routes. Who may record: staff of the operation's lead organisation or of an agency on its
 * roster (the same rule as working with people at the centre). Unlike triage, facts are still recorded
 * after the operation closes: decisions arrive weeks or months after the reception centre has gone.
 */
@Injectable()
export class PathwayFactsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly personAccess: PersonAccess,
    private readonly access: OperationAccess,
    private readonly pathway: PathwayService,
    private readonly repository: PathwayRepository,
    private readonly timelines: TimelineService,
  ) {}

  referral(actor: Actor & { user: AuthUser }, personId: string, dto: ReferralDto): Promise<FactAnswer> {
    const fact: PathwayFact = { type: 'referral', kind: dto.kind, consent: dto.consent, submittedAt: new Date(dto.submittedAt) };
    return this.record(actor, personId, async (manager) => {
      // Only designated first responder organisations may refer (NRM statistics, first responder types).
      const organisation = await this.repository.firstResponder(manager, dto.firstResponderOrganisationId);
      if (!organisation) throw unprocessable('UNKNOWN_ORGANISATION', 'firstResponderOrganisationId names no organisation');
      if (!organisation.firstResponder) {
        throw unprocessable(
          'NOT_A_FIRST_RESPONDER',
          `${organisation.name} is not designated a first responder organisation: NRM referrals and duty-to-notify referrals are made by designated first responders (an admin records the designation)`,
        );
      }
      return { fact, options: { firstResponderOrganisationId: dto.firstResponderOrganisationId } };
    });
  }

  reconsideration(actor: Actor & { user: AuthUser }, personId: string, dto: ReconsiderationDto): Promise<FactAnswer> {
    return this.record(actor, personId, { type: 'reconsideration_requested', at: new Date(dto.requestedAt), decisionKind: dto.decisionKind });
  }

  reconsiderationOutcome(actor: Actor & { user: AuthUser }, personId: string, reconsiderationId: string, dto: ReconsiderationOutcomeDto): Promise<FactAnswer> {
    return this.record(actor, personId, async (manager) => {
      const found = await this.repository.findReconsideration(manager, personId, reconsiderationId);
      if (!found) throw notFound('Reconsideration');
      const fact: PathwayFact = { type: 'reconsideration_decided', at: new Date(dto.decidedAt), decisionKind: found.decisionKind as 'reasonable_grounds', outcome: dto.outcome };
      return { fact, options: { recordId: found.id } };
    });
  }

  ageAssessment(actor: Actor & { user: AuthUser }, personId: string, dto: AgeAssessmentDto): Promise<FactAnswer> {
    return this.record(actor, personId, { type: 'age_assessed', at: new Date(dto.assessedAt), assessedAs: dto.outcome });
  }

  recoveryNeedsAssessment(actor: Actor & { user: AuthUser }, personId: string, dto: RecoveryNeedsAssessmentDto): Promise<FactAnswer> {
    return this.record(actor, personId, { type: 'rna_requested', at: new Date(dto.requestedAt) });
  }

  recoveryNeedsAssessmentOutcome(actor: Actor & { user: AuthUser }, personId: string, assessmentId: string, dto: RecoveryNeedsAssessmentOutcomeDto): Promise<FactAnswer> {
    return this.record(actor, personId, async (manager) => {
      const found = await this.repository.findRecoveryNeedsAssessment(manager, personId, assessmentId);
      if (!found) throw notFound('Recovery Needs Assessment');
      const fact: PathwayFact = { type: 'rna_decided', at: new Date(dto.decidedAt), outcome: dto.outcome, ...(dto.until ? { until: dto.until } : {}) };
      return { fact, options: { recordId: found.id } };
    });
  }

  adultConsent(actor: Actor & { user: AuthUser }, personId: string, dto: AdultConsentDto): Promise<FactAnswer> {
    return this.record(actor, personId, { type: 'adult_consent', at: new Date(dto.at), consent: dto.consent });
  }

  guardianReferral(actor: Actor & { user: AuthUser }, personId: string, dto: GuardianReferralDto): Promise<FactAnswer> {
    return this.record(actor, personId, async (manager) => {
      if (!(await this.repository.organisationExists(manager, dto.guardianOrganisationId))) {
        throw unprocessable('UNKNOWN_ORGANISATION', 'guardianOrganisationId names no organisation');
      }
      return { fact: { type: 'guardian_referral', at: new Date(dto.referredAt) }, options: { guardianOrganisationId: dto.guardianOrganisationId } };
    });
  }

  withdrawal(actor: Actor & { user: AuthUser }, personId: string, dto: WithdrawalDto): Promise<FactAnswer> {
    return this.record(actor, personId, { type: 'withdrawal', at: new Date(dto.at), ...(dto.suspended ? { suspended: true } : {}) });
  }

  disqualification(actor: Actor & { user: AuthUser }, personId: string, dto: DisqualificationDto): Promise<FactAnswer> {
    const risk = dto.retraffickingRiskAssessment;
    return this.record(
      actor,
      personId,
      { type: 'disqualification', at: new Date(dto.decidedAt), riskAssessedAt: new Date(risk.assessedAt), riskOutcome: risk.outcome },
      { riskNotes: risk.notes ?? null },
    );
  }

  decision(actor: Actor & { user: AuthUser }, personId: string, dto: DecisionDto): Promise<FactAnswer> {
    return this.record(actor, personId, { type: 'decision', kind: dto.kind, outcome: dto.outcome, decidedAt: new Date(dto.decidedAt) });
  }

  missing(actor: Actor & { user: AuthUser }, personId: string, dto: MissingDto): Promise<FactAnswer> {
    return this.record(actor, personId, { type: 'missing', reportedAt: new Date(dto.reportedAt) });
  }

  found(actor: Actor & { user: AuthUser }, personId: string, dto: FoundDto): Promise<FactAnswer> {
    return this.record(actor, personId, { type: 'found', foundAt: new Date(dto.foundAt) });
  }

  exit(actor: Actor & { user: AuthUser }, personId: string, dto: ExitDto): Promise<FactAnswer> {
    return this.record(actor, personId, { type: 'exit', at: new Date(dto.at), outcome: dto.outcome });
  }

  /** `fact` may be built inside the transaction, from rows it reads (an outcome names its request). */
  private async record(
    actor: Actor & { user: AuthUser },
    personId: string,
    fact: PathwayFact | ((manager: EntityManager) => Promise<{ fact: PathwayFact; options: RecordOptions }>),
    options: RecordOptions = {},
  ): Promise<FactAnswer> {
    const { op } = await this.personAccess.visible(actor.user, personId);
    // Missing and found are also recorded at the centre's desk (work with people); the NRM facts need record_pathway.
    const atTheDesk = typeof fact !== 'function' && (fact.type === 'missing' || fact.type === 'found');
    if (!(atTheDesk && this.access.canWorkWithPeople(actor.user, op))) this.access.assertCanRecordPathway(actor.user, op);
    const recorded = await this.dataSource.transaction(async (manager) => {
      const built = typeof fact === 'function' ? await fact(manager) : { fact, options };
      return this.pathway.recordFact(manager, actor, personId, built.fact, built.options);
    });
    return {
      ...(recorded.recordId ? { id: recorded.recordId } : {}),
      historySeq: Number(recorded.eventId),
      personId,
      reference: recorded.person.reference,
      ...(await this.timelines.current(personId)),
    };
  }
}
