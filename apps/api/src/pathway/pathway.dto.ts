import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import {
  AGE_ASSESSMENT_OUTCOMES,
  DECISION_KINDS,
  DECISION_OUTCOMES,
  DecisionKind,
  DecisionOutcome,
  EXIT_OUTCOMES,
  ExitOutcome,
  RECONSIDERATION_OUTCOMES,
  ReconsiderationOutcome,
  REFERRAL_KINDS,
  ReferralKind,
  RETRAFFICKING_RISK_OUTCOMES,
  RetraffickingRiskOutcome,
  RNA_OUTCOMES,
  RnaOutcome,
} from '@safe-harbour/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { IsInstant as IsInstantValue } from '../common/instant';

/** An instant with its offset (the API's one instant validator), documented with an example. */
export const IsInstant = (example: string, description?: string) => applyDecorators(ApiProperty({ example, description }), IsInstantValue());

export class ReferralDto {
  @ApiProperty({ enum: REFERRAL_KINDS, description: 'nrm: into the National Referral Mechanism; duty_to_notify: an adult who does not consent' })
  @IsIn(REFERRAL_KINDS)
  kind: ReferralKind;

  @ApiProperty({ description: "The person's informed consent. Adults: nrm needs it, duty_to_notify is without it. Children: not needed." })
  @IsBoolean()
  consent: boolean;

  @IsInstant('2026-03-02T16:30:00Z', 'When the First Responder submitted it')
  submittedAt: string;

  @ApiProperty({ description: 'The First Responder Organisation (a council, police force or NGO) that made it' })
  @IsUUID()
  firstResponderOrganisationId: string;
}

export class DecisionDto {
  @ApiProperty({ enum: DECISION_KINDS })
  @IsIn(DECISION_KINDS)
  kind: DecisionKind;

  @ApiProperty({ enum: DECISION_OUTCOMES })
  @IsIn(DECISION_OUTCOMES)
  outcome: DecisionOutcome;

  @IsInstant('2026-03-06T11:00:00Z', 'When the Single Competent Authority decided')
  decidedAt: string;
}

export class MissingDto {
  @IsInstant('2026-03-07T22:15:00Z')
  reportedAt: string;
}

export class FoundDto {
  @IsInstant('2026-03-08T09:40:00Z')
  foundAt: string;
}

export class ExitDto {
  @IsInstant('2026-05-01T12:00:00+01:00')
  at: string;

  @ApiProperty({ enum: EXIT_OUTCOMES })
  @IsIn(EXIT_OUTCOMES)
  outcome: ExitOutcome;
}

export class ReconsiderationDto {
  @ApiProperty({ enum: DECISION_KINDS, description: 'The negative decision to reconsider (the latest decision of this referral)' })
  @IsIn(DECISION_KINDS)
  decisionKind: DecisionKind;

  @IsInstant('2026-03-10T09:00:00Z', 'When the first responder or support provider asked the competent authority')
  requestedAt: string;
}

export class ReconsiderationOutcomeDto {
  @ApiProperty({ enum: RECONSIDERATION_OUTCOMES, description: 'overturned: the negative decision becomes positive from decidedAt' })
  @IsIn(RECONSIDERATION_OUTCOMES)
  outcome: ReconsiderationOutcome;

  @IsInstant('2026-04-02T15:00:00+01:00')
  decidedAt: string;
}

export class AgeAssessmentDto {
  @ApiProperty({ enum: AGE_ASSESSMENT_OUTCOMES })
  @IsIn(AGE_ASSESSMENT_OUTCOMES)
  outcome: 'adult' | 'child';

  @IsInstant('2026-03-04T14:00:00Z', "When the age assessment (e.g. a Merton-compliant assessment by children's services) concluded")
  assessedAt: string;
}

export class RecoveryNeedsAssessmentDto {
  @IsInstant('2026-05-01T10:00:00+01:00', 'When the RNA (after a positive CG) or extension request (after a negative CG) was made')
  requestedAt: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export class RecoveryNeedsAssessmentOutcomeDto {
  @ApiProperty({ enum: RNA_OUTCOMES })
  @IsIn(RNA_OUTCOMES)
  outcome: RnaOutcome;

  @ApiPropertyOptional({ example: '2026-08-31', description: 'extended only: the last day (Europe/London) of extended support' })
  @ValidateIf((o) => o.outcome === 'extended' || o.until !== undefined)
  @Matches(DATE_ONLY, { message: 'until must be a date YYYY-MM-DD (required when extended)' })
  until?: string;

  @IsInstant('2026-05-08T12:00:00+01:00')
  decidedAt: string;
}

export class WithdrawalDto {
  @IsInstant('2026-04-01T12:00:00+01:00', 'When the person withdrew from the NRM (or the case was suspended)')
  at: string;

  @ApiPropertyOptional({ description: 'true: the case was suspended (e.g. missing for a long time) rather than withdrawn by the person' })
  @IsOptional() @IsBoolean()
  suspended?: boolean;
}

export class RetraffickingRiskAssessmentDto {
  @IsInstant('2026-03-20T10:00:00Z', 'When the re-trafficking risk assessment was completed (before the decision)')
  assessedAt: string;

  @ApiProperty({ enum: RETRAFFICKING_RISK_OUTCOMES })
  @IsIn(RETRAFFICKING_RISK_OUTCOMES)
  outcome: RetraffickingRiskOutcome;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional() @IsString() @MaxLength(2000)
  notes?: string;
}

export class DisqualificationDto {
  @IsInstant('2026-03-21T10:00:00Z', 'When the competent authority decided the public-order disqualification (NABA 2022 s.63)')
  decidedAt: string;

  @ApiProperty({ type: RetraffickingRiskAssessmentDto, description: 'Required by the revised policy (Jan 2024)' })
  @IsDefined() @ValidateNested() @Type(() => RetraffickingRiskAssessmentDto)
  retraffickingRiskAssessment: RetraffickingRiskAssessmentDto;
}

export class AdultConsentDto {
  @ApiProperty({ description: 'A young person who turned 18: consents to stay in adult NRM support (false: withdraws)' })
  @IsBoolean()
  consent: boolean;

  @IsInstant('2026-06-02T11:00:00+01:00')
  at: string;
}

export class GuardianReferralDto {
  @IsInstant('2026-03-03T10:00:00Z', 'When the child was referred to the Independent Child Trafficking Guardian service')
  referredAt: string;

  @ApiProperty({ description: 'The organisation providing the guardian service (e.g. Barnardo\'s)' })
  @IsUUID()
  guardianOrganisationId: string;
}
