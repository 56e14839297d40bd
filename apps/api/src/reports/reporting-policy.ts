import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  BankHolidays,
  DEFAULT_FORECAST_POLICY,
  DEFAULT_SUPPRESSION_POLICY,
  DeadlinePolicy,
  deadlinePolicy,
  englandAndWalesBankHolidays,
  ForecastPolicy,
  ForecastStage,
  PolicyVersion,
  StageDurationSettings,
  SuppressionPolicy,
} from '@safe-harbour/domain';
import { AppConfig } from '../config/config.schema';
import { unprocessable } from '../common/domain-error';

/** The policies reports and the forecast work to, from the validated configuration. */
@Injectable()
export class ReportingPolicy {
  readonly suppression: SuppressionPolicy;
  readonly forecast: ForecastPolicy = DEFAULT_FORECAST_POLICY;
  readonly holidays: BankHolidays = englandAndWalesBankHolidays();
  /** How the forecast learns stage lengths from the deployment's own records (issue #12). */
  readonly stageDurations: StageDurationSettings;
  private readonly deadlines: DeadlinePolicy;

  constructor(config: ConfigService<AppConfig, true>) {
    const fallback = config.get('FORECAST_FALLBACK_DAYS', { infer: true });
    this.stageDurations = {
      minSamples: config.get('FORECAST_MIN_MEASURED_SPELLS', { infer: true }),
      fallbackDays: Object.fromEntries(fallback.split(',').map((pair) => pair.split('=')).map(([stage, days]) => [stage as ForecastStage, Number(days)])),
    };
    this.suppression = { ...DEFAULT_SUPPRESSION_POLICY, threshold: config.get('REPORT_SUPPRESSION_THRESHOLD', { infer: true }) };
    // The same national policy the pathway computes its deadlines with.
    this.deadlines = deadlinePolicy(config.get('DEADLINE_POLICY', { infer: true }));
  }

  /**
   * A council sharing with a stricter partner may raise the threshold for one export; nobody may lower the
   * deployment's (that would publish counts the policy hides).
   */
  suppressionFor(threshold?: number): SuppressionPolicy {
    if (threshold === undefined) return this.suppression;
    if (threshold < this.suppression.threshold) {
      throw unprocessable(
        'SUPPRESSION_TOO_LOW',
        `suppressionThreshold may raise the configured threshold (${this.suppression.threshold}) but not lower it`,
      );
    }
    return { ...this.suppression, threshold };
  }

  /** The pathway policy version in force on a day: its decision target and recovery period are the yardsticks. */
  pathwayVersion(onDay: string): PolicyVersion {
    const versions = this.deadlines.versions;
    return [...versions].reverse().find((v) => v.effectiveFrom <= onDay) ?? versions[0];
  }
}
