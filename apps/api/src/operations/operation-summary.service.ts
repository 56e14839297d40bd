import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { STATIONS, TRIAGE_OUTCOMES, TRIAGE_STAGES } from '@safe-harbour/domain';
import { DataSource } from 'typeorm';
import { AuthUser } from '../auth/roles';
import { OutboxRelay } from '../live/outbox-relay.service';
import { OperationAccess } from './operation-access';
import { OperationSummaryRepository, SummaryFacts } from './operation-summary.repository';

export interface OperationSummary {
  operationId: string;
  code: string;
  status: string;
  expectedPeople: number;
  /**
   * Where the summary stands in the live stream (the relay's safe position, `OutboxRelay.positionIn`):
   * apply on top every live event with a greater seq, and those listed in `pending` (seqs below `seq`
   * still committing when the summary was read); every other event is already counted in it.
   */
  seq: number;
  pending: number[];
  at: Date;
  people: SummaryFacts['people'];
  byTriageOutcome: Record<string, number>;
  byStage: Record<string, number>;
  children: number;
  awaitingBed: { count: number; longestWaitMinutes: number | null; people: SummaryFacts['awaitingBed'] };
  bedsInUse: number;
  beds: SummaryFacts['beds'];
  agencies: SummaryFacts['agencies'];
  stations: SummaryFacts['stations'];
  missing: number;
  /** who is missing now, since when, and until when their bed is held */
  missingPeople: SummaryFacts['missingPeople'];
  /** overdue deadlines and those due in the next 72 hours, soonest first */
  nextDeadlines: SummaryFacts['nextDeadlines'];
  funnel: SummaryFacts['funnel'];
  agencyRoster: SummaryFacts['agencyRoster'];
  /** People in the reception centre's own beds; `pastCentreWindow` flags those still there after it closes. */
  stillInCentre: SummaryFacts['stillInCentre'];
  name: string;
}

const STAGES_ALWAYS_SHOWN = [...TRIAGE_STAGES, 'missing'];

@Injectable()
export class OperationSummaryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: OperationAccess,
    private readonly summaries: OperationSummaryRepository,
    private readonly relay: OutboxRelay,
  ) {}

  async summary(user: AuthUser, operationId: string): Promise<OperationSummary> {
    const op = await this.access.visible(user, operationId);
    // One read-only snapshot: counts and seq agree even while people are being registered.
    // max(seq) alone would skip an event still committing below it (its person not yet counted).
    await this.relay.ready;
    const [facts, position] = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const position = await this.relay.positionIn(manager);
      return [await this.summaries.facts(manager, operationId), position] as const;
    });
    const byTriageOutcome = Object.fromEntries(
      [...TRIAGE_OUTCOMES, 'untriaged'].map((k) => [k, Number(facts.byTriageOutcome[k] ?? 0)]),
    );
    const byStage: Record<string, number> = Object.fromEntries(STAGES_ALWAYS_SHOWN.map((s) => [s, 0]));
    for (const [stage, n] of Object.entries(facts.byStage)) byStage[stage] = Number(n);
    const stations = STATIONS.map(
      (station) => facts.stations.find((s) => s.station === station) ?? { station, queued: 0, inProgress: 0, done: 0, longestWaitMinutes: null },
    );
    return {
      operationId: op.id,
      code: op.code,
      status: op.status,
      expectedPeople: op.expectedPeople,
      seq: position.seq,
      pending: position.pending,
      at: facts.at,
      people: facts.people,
      byTriageOutcome,
      byStage,
      children: facts.people.children,
      awaitingBed: {
        count: facts.awaitingBed.length,
        longestWaitMinutes: facts.awaitingBed[0]?.waitingMinutes ?? null,
        people: facts.awaitingBed,
      },
      bedsInUse: facts.beds.occupied,
      beds: facts.beds,
      agencies: facts.agencies,
      stations,
      missing: byStage.missing ?? 0,
      missingPeople: facts.missingPeople,
      nextDeadlines: facts.nextDeadlines,
      funnel: facts.funnel,
      agencyRoster: facts.agencyRoster,
      stillInCentre: facts.stillInCentre,
      name: op.name,
    };
  }
}
