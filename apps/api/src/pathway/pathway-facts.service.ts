import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PathwayFact } from '@safe-harbour/domain';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../audit/audit.service';
import { AuthUser } from '../auth/roles';
import { unprocessable } from '../common/domain-error';
import { OperationAccess } from '../operations/operation-access';
import { PersonAccess } from '../people/person-access';
import { DecisionDto, ExitDto, FoundDto, MissingDto, ReferralDto } from './pathway.dto';
import { PathwayRepository } from './pathway.repository';
import { PathwayService, RecordOptions } from './pathway.service';
import { Timeline, TimelineService } from './timeline.service';

/** Organisations that can act as NRM First Responders among our kinds: councils, police forces, NGOs. */
const FIRST_RESPONDER_KINDS = ['council', 'police', 'ngo'];

/** `id` is the referral, decision or missing episode the fact created (exit creates none). */
export type FactAnswer = { id?: string; historySeq: number; personId: string; reference: string } & Pick<Timeline, 'stage' | 'since' | 'deadlines' | 'nextDeadline'>;

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
    return this.record(actor, personId, fact, { firstResponderOrganisationId: dto.firstResponderOrganisationId }, async (manager) => {
      const kind = await this.repository.organisationKind(manager, dto.firstResponderOrganisationId);
      if (!kind) throw unprocessable('UNKNOWN_ORGANISATION', 'firstResponderOrganisationId names no organisation');
      if (!FIRST_RESPONDER_KINDS.includes(kind)) {
        throw unprocessable('NOT_A_FIRST_RESPONDER', `A ${kind} organisation is not a First Responder: referrals are made by councils, police forces and NGOs`);
      }
    });
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

  private async record(
    actor: Actor & { user: AuthUser },
    personId: string,
    fact: PathwayFact,
    options: RecordOptions = {},
    check?: (manager: EntityManager) => Promise<void>,
  ): Promise<FactAnswer> {
    const { op } = await this.personAccess.visible(actor.user, personId);
    this.access.assertCanRecordPathway(actor.user, op);
    const recorded = await this.dataSource.transaction(async (manager) => {
      await check?.(manager);
      return this.pathway.recordFact(manager, actor, personId, fact, options);
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
