import { ApiPropertyOptional } from '@nestjs/swagger';
import { LOCAL_AUTHORITY_CODE, WORKLIST_SORTS, WORKLIST_STATES, WorklistSort, WorklistState } from '@safe-harbour/domain';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../common/pagination';

/** `?state=overdue&state=due_soon` and `?state=overdue,due_soon` both mean two states. */
const toList = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean);

export class WorklistQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only this operation (404 if you may not see it)' })
  @IsOptional() @IsUUID()
  operationId?: string;

  @ApiPropertyOptional({ description: "Only operations in this local authority area (ONS/GSS code)" })
  @IsOptional() @Matches(LOCAL_AUTHORITY_CODE, { message: 'localAuthorityCode must be an ONS/GSS code such as E08000035' })
  localAuthorityCode?: string;

  @ApiPropertyOptional({ isArray: true, enum: WORKLIST_STATES, description: 'Default: overdue, due_soon and upcoming (met ones only when asked)' })
  @IsOptional() @Transform(toList) @IsIn(WORKLIST_STATES, { each: true })
  state?: WorklistState[];

  @ApiPropertyOptional({ isArray: true, description: 'Deadline kinds, e.g. rg_decision_expected, bed_hold_ends' })
  @IsOptional() @Transform(toList) @IsString({ each: true }) @MaxLength(60, { each: true }) @Matches(/^[a-z0-9_]+$/, { each: true, message: 'kind must be a deadline kind such as rg_decision_expected' })
  kind?: string[];

  @ApiPropertyOptional({ enum: WORKLIST_SORTS, description: 'urgency (default): overdue first, then due soon, upcoming, met; each soonest first' })
  @IsOptional() @IsIn(WORKLIST_SORTS)
  sort?: WorklistSort;

  @ApiPropertyOptional({ enum: ['asc', 'desc'] })
  @IsOptional() @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  @ApiPropertyOptional({ description: 'Upcoming: deadlines due within this many days (default 7)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(90)
  horizonDays?: number;

  @ApiPropertyOptional({ description: 'Met: deadlines met within this many days (default 7)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(90)
  metWithinDays?: number;
}
