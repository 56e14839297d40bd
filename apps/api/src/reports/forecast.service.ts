import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  addDaysToCalendarDay,
  ForecastDay,
  ForecastPerson,
  ForecastSite,
  forecastSiteTypeOf,
  forecastStageEnds,
  forecastStageOf,
  expectedStageDurations,
  FORECAST_STAGES,
  ForecastStage,
  projectBeds,
  StageDuration,
  toLondonDay,
  withStageDurations,
} from '@safe-harbour/domain';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuthUser } from '../auth/roles';
import { DomainError, unprocessable } from '../common/domain-error';
import { ForecastRepository } from './forecast.repository';
import { ForecastQuery } from './reports.dto';
import { ReportingPolicy } from './reporting-policy';

export interface Forecast {
  localAuthorityCode: string;
  from: string;
  days: number;
  policyVersion: string;
  /** People projected (live people of the area who need a bed from us), surge excluded. */
  people: number;
  surge: { count: number; on: string; children: number } | null;
  /** Days on which someone finds no bed of any suitable type. */
  shortfallDays: string[];
  /**
   * How long each stage was planned to last, and from what: the deployment's measured median, the policy
   * minimum, the configured fallback (too few measured) or the forecast policy's default.
   */
  stageDurations: Record<ForecastStage, StageDuration>;
  forecast: ForecastDay[];
}

/**
 * The beds the area will need day by day (issue 8), from every live person's stage and deadlines and the
 * inventory's availability windows, with an optional "what if N more arrive on day D". The rules are the
 * pure `projectBeds`; this only gathers its inputs. Figures are about the whole area (beds are shared by
 * every operation in it), so they are counts only.
 */
@Injectable()
export class ForecastService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ForecastRepository,
    private readonly policy: ReportingPolicy,
    private readonly access: AccessService,
  ) {}

  /**
   * People are counted only from the operations the caller may see (the access layer's scope): a council
   * asking about another area's beds sees that area's supply, never how many people another council's
   * operations hold there.
   */
  async forecast(user: AuthUser, query: ForecastQuery): Promise<Forecast> {
    const scope = await this.access.operationScope(user);
    const from = toLondonDay(new Date());
    const days = query.days ?? this.policy.forecast.defaultDays;
    const surge = this.surgeOf(query, from, days);
    const { people, sites, measured } = await this.dataSource.transaction('REPEATABLE READ', async (m) => {
      await m.query('set transaction read only');
      return {
        people: await this.repository.livePeople(m, query.localAuthorityCode, scope),
        sites: await this.repository.supply(m, query.localAuthorityCode),
        measured: await this.repository.measuredStageDays(m),
      };
    });
    const stageDurations = expectedStageDurations(
      Object.fromEntries(measured.filter((r) => (FORECAST_STAGES as readonly string[]).includes(r.stage)).map((r) => [r.stage, r.days])),
      this.policy.forecast,
      this.policy.stageDurations,
      this.minimums(from),
    );
    const policy = withStageDurations(this.policy.forecast, stageDurations);

    const projected: ForecastPerson[] = [];
    for (const p of people) {
      const stage = forecastStageOf(p.stage, p.triageOutcome);
      if (stage === null) continue;
      projected.push({
        stage,
        stageSince: p.stageSince,
        occupying: forecastSiteTypeOf(p.occupying),
        child: p.ageCategory !== 'adult',
        stageEnds: forecastStageEnds(p.deadlines, { stage, stageSince: p.stageSince, expectedDays: policy.expectedDays }),
      });
    }
    const supply: ForecastSite[] = [];
    for (const s of sites) {
      const siteType = forecastSiteTypeOf(s.siteType);
      if (siteType === null) continue;
      supply.push({ siteType, beds: s.beds, availableFrom: s.availableFrom, availableUntil: s.availableUntil });
    }

    const forecast = projectBeds(
      { from, days, people: projected, sites: supply, surge: surge && { count: surge.count, on: surge.on, profile: { children: surge.children } } },
      policy,
    );
    return {
      localAuthorityCode: query.localAuthorityCode,
      from,
      days,
      policyVersion: this.policy.forecast.version,
      people: projected.length,
      surge,
      shortfallDays: forecast.filter((d) => d.shortfall).map((d) => d.date),
      stageDurations,
      forecast,
    };
  }

  /** The pathway's minimum periods in calendar days on `day`: no stage is planned shorter than its minimum. */
  private minimums(day: string): Partial<Record<ForecastStage, number>> {
    const rules = this.policy.pathwayVersion(day).rules;
    const out: Partial<Record<ForecastStage, number>> = {};
    if (rules.recovery_period_minimum.unit === 'calendar_days') out.recovery_period = rules.recovery_period_minimum.amount;
    if (rules.move_on_after_positive_cg.unit === 'calendar_days') out.move_on = rules.move_on_after_positive_cg.amount;
    return out;
  }

  private surgeOf(query: ForecastQuery, from: string, days: number): Forecast['surge'] {
    if (query.surge === undefined && query.surgeOn === undefined) {
      if (query.surgeChildren !== undefined) throw badRequest('surgeChildren goes with surge and surgeOn');
      return null;
    }
    if (query.surge === undefined || query.surgeOn === undefined) throw badRequest('surge and surgeOn go together');
    const children = query.surgeChildren ?? 0;
    if (children > query.surge) throw badRequest('surgeChildren cannot be more than surge');
    const last = addDaysToCalendarDay(from, days - 1);
    if (query.surgeOn < from || query.surgeOn > last) {
      throw unprocessable('SURGE_OUTSIDE_FORECAST', `surgeOn must be a day of the forecast, ${from} to ${last}`);
    }
    return { count: query.surge, on: query.surgeOn, children };
  }
}

const badRequest = (message: string) => new DomainError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', message);
