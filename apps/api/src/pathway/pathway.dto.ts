import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import {
  DECISION_KINDS,
  DECISION_OUTCOMES,
  DecisionKind,
  DecisionOutcome,
  EXIT_OUTCOMES,
  ExitOutcome,
  REFERRAL_KINDS,
  ReferralKind,
} from '@safe-harbour/domain';
import { IsBoolean, IsIn, IsUUID } from 'class-validator';
import { IsInstant as IsInstantValue } from '../common/instant';

/** An instant with its offset (the API's one instant validator), documented with an example. */
const IsInstant = (example: string, description?: string) => applyDecorators(ApiProperty({ example, description }), IsInstantValue());

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
