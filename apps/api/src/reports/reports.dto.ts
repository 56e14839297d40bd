import { LOCAL_AUTHORITY_CODE } from '@safe-harbour/domain';
import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { isCalendarDay } from '@safe-harbour/domain';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Matches, Max, Min, ValidateBy } from 'class-validator';


/** A Europe/London calendar day `YYYY-MM-DD` that exists (2026-02-30 is refused). */
const IsDay = () =>
  applyDecorators(
    ValidateBy({
      name: 'isDay',
      validator: {
        validate: (value: unknown) => isCalendarDay(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a day YYYY-MM-DD`,
      },
    }),
  );

const IsAreaCode = () => Matches(LOCAL_AUTHORITY_CODE, { message: ({ property }) => `${property} must be a local authority code like E08000035` });

/** The filters every report takes. Days are Europe/London calendar days, both included. */
export class ReportQuery {
  @ApiPropertyOptional({ example: '2026-03-01', description: 'First day (Europe/London), included; default: from the beginning' })
  @IsOptional() @IsDay()
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-31', description: 'Last day (Europe/London), included; default: today' })
  @IsOptional() @IsDay()
  to?: string;

  @ApiPropertyOptional({ example: 'E08000035' })
  @IsOptional() @IsAreaCode()
  localAuthorityCode?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsUUID()
  operationId?: string;
}

export class ExportQuery extends ReportQuery {
  @ApiPropertyOptional({
    minimum: 2,
    maximum: 100,
    description: 'Counts from 1 to threshold-1 are shown as <threshold. May only raise the configured threshold (default 5), never lower it.',
  })
  @IsOptional() @Type(() => Number) @IsInt() @Min(2) @Max(100)
  suppressionThreshold?: number;
}

export class ForecastQuery {
  @ApiProperty({ example: 'E08000035', description: 'The area whose beds and people are projected' })
  @IsAreaCode()
  localAuthorityCode: string;

  @ApiPropertyOptional({ default: 14, minimum: 1, maximum: 90 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(90)
  days?: number;

  @ApiPropertyOptional({ description: 'What if this many more people arrive (with surgeOn)?', minimum: 0, maximum: 1000 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1000)
  surge?: number;

  @ApiPropertyOptional({ example: '2026-03-06', description: 'Day the surge arrives (Europe/London), within the forecast' })
  @IsOptional() @IsDay()
  surgeOn?: string;

  @ApiPropertyOptional({ description: 'How many of the surge are children (placed in foster placements only); default 0', minimum: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1000)
  surgeChildren?: number;
}

export class OccupancyHistoryQuery {
  @ApiPropertyOptional({ example: 'E08000035' })
  @IsOptional() @IsAreaCode()
  localAuthorityCode?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsUUID()
  operationId?: string;

  @ApiPropertyOptional({ default: 30, minimum: 1, maximum: 90, description: 'Days back, today included' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(90)
  days?: number;
}

export class FunnelHistoryQuery {
  @ApiProperty()
  @IsUUID()
  operationId: string;

  @ApiPropertyOptional({ default: 30, minimum: 1, maximum: 90, description: 'Days back, today included' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(90)
  days?: number;
}
