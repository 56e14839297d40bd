import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  BED_STATUSES,
  LOCAL_AUTHORITY_CODE,
  OFFICER_BED_STATUSES,
  OUT_OF_SERVICE_REASONS,
  READINESS,
  ROOM_KINDS,
  SINGLE_SEX,
  SITE_TYPES,
  STAFFED_HOURS,
} from '@safe-harbour/domain';
import { PageQuery } from '../common/pagination';
import { OptionalNotNull, OptionalNullable, QueryBoolean, QueryList, QueryOptional } from './site-validators';
import { IsInstant } from '../common/instant';

const AREA_MESSAGE = { message: 'localAuthorityCode must be an ONS code like E08000035' };

export class LocationDto {
  @ApiProperty({ example: 53.8008 })
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-90) @Max(90)
  lat: number;

  @ApiProperty({ example: -1.5491 })
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-180) @Max(180)
  lng: number;
}

/** Suitability facts. Left-out flags are false, staffedHours `none`, languages empty, singleSex null (mixed). */
export class SiteAttributesDto {
  @ApiPropertyOptional({ enum: SINGLE_SEX, nullable: true, description: 'null: mixed' })
  @OptionalNullable() @IsIn(SINGLE_SEX)
  singleSex?: 'female' | 'male' | null;

  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() acceptsChildren?: boolean;
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() acceptsFamilies?: boolean;
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() wheelchairAccessible?: boolean;
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() selfContained?: boolean;
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() dormitory?: boolean;

  @ApiPropertyOptional({ enum: STAFFED_HOURS })
  @OptionalNotNull() @IsIn(STAFFED_HOURS)
  staffedHours?: string;

  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() traumaInformed?: boolean;
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() acceptsNoRecourseToPublicFunds?: boolean;
  @ApiPropertyOptional({ description: 'Takes people with a pet' }) @OptionalNotNull() @IsBoolean() acceptsPets?: boolean;
  @ApiPropertyOptional({ description: 'Drug and alcohol support on site or by arrangement' }) @OptionalNotNull() @IsBoolean() substanceMisuseSupport?: boolean;

  @ApiPropertyOptional({ example: ['English', 'Polish'] })
  @OptionalNotNull() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(50, { each: true })
  languages?: string[];
}

export class CreateSiteDto {
  @ApiProperty({ example: 'Harehills Place of Safety' })
  @IsString() @MinLength(1) @MaxLength(200) @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  @ApiProperty({ enum: SITE_TYPES })
  @IsIn(SITE_TYPES)
  type: string;

  @ApiProperty()
  @IsUUID()
  organisationId: string;

  @ApiProperty({ example: 'E08000035' })
  @Matches(LOCAL_AUTHORITY_CODE, AREA_MESSAGE)
  localAuthorityCode: string;

  @ApiProperty({ description: 'Restricted: returned only to the owning organisation’s housing officers and admins' })
  @IsString() @MinLength(1) @MaxLength(500) @Matches(/\S/, { message: 'address must not be blank' })
  address: string;

  @ApiPropertyOptional({ type: LocationDto, nullable: true })
  @OptionalNullable() @ValidateNested() @Type(() => LocationDto)
  location?: LocationDto | null;

  @ApiPropertyOptional({ example: '2026-03-01T12:00:00Z', nullable: true })
  @OptionalNullable() @IsInstant()
  availableFrom?: string | null;

  @ApiPropertyOptional({ example: '2026-03-06T12:00:00Z', nullable: true })
  @OptionalNullable() @IsInstant()
  availableUntil?: string | null;

  @ApiPropertyOptional({ type: SiteAttributesDto })
  @OptionalNotNull() @ValidateNested() @Type(() => SiteAttributesDto)
  attributes?: SiteAttributesDto;

  @ApiPropertyOptional({ description: 'Spot-purchased beds (B&B, hotel): cost per night in pence', nullable: true })
  @OptionalNullable() @IsInt() @Min(0) @Max(100_000_000)
  nightlyCostPence?: number | null;
}

/** PATCH: any subset; null clears location, the window bounds and the nightly cost. */
export class UpdateSiteDto {
  @ApiPropertyOptional()
  @OptionalNotNull() @IsString() @MinLength(1) @MaxLength(200) @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({ enum: SITE_TYPES })
  @OptionalNotNull() @IsIn(SITE_TYPES)
  type?: string;

  @ApiPropertyOptional()
  @OptionalNotNull() @Matches(LOCAL_AUTHORITY_CODE, AREA_MESSAGE)
  localAuthorityCode?: string;

  @ApiPropertyOptional()
  @OptionalNotNull() @IsString() @MinLength(1) @MaxLength(500) @Matches(/\S/, { message: 'address must not be blank' })
  address?: string;

  @ApiPropertyOptional({ type: LocationDto, nullable: true })
  @OptionalNullable() @ValidateNested() @Type(() => LocationDto)
  location?: LocationDto | null;

  @ApiPropertyOptional({ nullable: true }) @OptionalNullable() @IsInstant() availableFrom?: string | null;
  @ApiPropertyOptional({ nullable: true }) @OptionalNullable() @IsInstant() availableUntil?: string | null;

  @ApiPropertyOptional({ type: SiteAttributesDto })
  @OptionalNotNull() @ValidateNested() @Type(() => SiteAttributesDto)
  attributes?: SiteAttributesDto;

  @ApiPropertyOptional({ nullable: true })
  @OptionalNullable() @IsInt() @Min(0) @Max(100_000_000)
  nightlyCostPence?: number | null;
}

export class SiteQueryDto extends PageQuery {
  @ApiPropertyOptional({ description: 'one or more, comma-separated', example: 'hostel,place_of_safety' })
  @QueryList(SITE_TYPES)
  type?: string[];

  @ApiPropertyOptional({ description: 'one or more, comma-separated', example: 'E08000035,E08000032' })
  @QueryList() @Matches(LOCAL_AUTHORITY_CODE, { each: true, ...AREA_MESSAGE })
  localAuthorityCode?: string[];

  @ApiPropertyOptional() @QueryOptional() @IsUUID() organisationId?: string;

  @ApiPropertyOptional({ description: 'a ready site, in its window (now, or over availableFrom..availableUntil), with a bed available' })
  @QueryBoolean()
  hasAvailableBed?: boolean;

  @ApiPropertyOptional({ description: 'site usable from this instant (default now when hasAvailableBed is set)' })
  @QueryOptional() @IsInstant()
  availableFrom?: string;

  @ApiPropertyOptional({ description: 'site usable until this instant' })
  @QueryOptional() @IsInstant()
  availableUntil?: string;

  @ApiPropertyOptional({ enum: [...SINGLE_SEX, 'mixed'] })
  @QueryOptional() @IsIn([...SINGLE_SEX, 'mixed'])
  singleSex?: 'female' | 'male' | 'mixed';

  @ApiPropertyOptional() @QueryBoolean() acceptsChildren?: boolean;
  @ApiPropertyOptional() @QueryBoolean() acceptsFamilies?: boolean;
  @ApiPropertyOptional() @QueryBoolean() wheelchairAccessible?: boolean;
  @ApiPropertyOptional() @QueryBoolean() selfContained?: boolean;
  @ApiPropertyOptional() @QueryBoolean() dormitory?: boolean;
  @ApiPropertyOptional() @QueryBoolean() traumaInformed?: boolean;
  @ApiPropertyOptional() @QueryBoolean() acceptsNoRecourseToPublicFunds?: boolean;
  @ApiPropertyOptional() @QueryBoolean() acceptsPets?: boolean;
  @ApiPropertyOptional() @QueryBoolean() substanceMisuseSupport?: boolean;

  @ApiPropertyOptional({ enum: STAFFED_HOURS }) @QueryOptional() @IsIn(STAFFED_HOURS) staffedHours?: string;
  @ApiPropertyOptional({ description: 'a language staff speak' }) @QueryOptional() @IsString() @MaxLength(50) language?: string;
  @ApiPropertyOptional({ enum: READINESS }) @QueryOptional() @IsIn(READINESS) readiness?: string;
  @ApiPropertyOptional() @QueryBoolean() isDemo?: boolean;
}

export class CreateRoomDto {
  @ApiProperty({ example: 'Dormitory A' })
  @IsString() @MinLength(1) @MaxLength(200) @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  @ApiProperty({ enum: ROOM_KINDS })
  @IsIn(ROOM_KINDS)
  kind: string;
}

export class CreateBedDto {
  @ApiPropertyOptional({ description: 'a bedroom or dormitory of the same site' })
  @OptionalNullable() @IsUUID()
  roomId?: string | null;

  @ApiProperty({ example: 'A1' })
  @IsString() @MinLength(1) @MaxLength(100) @Matches(/\S/, { message: 'label must not be blank' })
  label: string;
}

export class BedQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: BED_STATUSES }) @QueryOptional() @IsIn(BED_STATUSES) status?: string;
}

export class UpdateBedDto {
  @ApiProperty({ enum: OFFICER_BED_STATUSES, description: 'reserved and occupied follow from placements and cannot be set here' })
  @IsIn(OFFICER_BED_STATUSES, {
    message: `status must be one of ${OFFICER_BED_STATUSES.join(', ')} (reserved and occupied follow from placements and cannot be set by hand)`,
  })
  status: string;

  @ApiPropertyOptional({ enum: OUT_OF_SERVICE_REASONS, nullable: true, description: 'required when status is out_of_service, and only then' })
  @OptionalNullable() @IsIn(OUT_OF_SERVICE_REASONS)
  reason?: string | null;
}

export class UpdateReadinessDto {
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() utilitiesOn?: boolean;
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() furnished?: boolean;
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() safetyChecked?: boolean;
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() keysHeld?: boolean;

  @ApiPropertyOptional({ description: 'a note kept on every item ticked or unticked in this call' })
  @OptionalNotNull() @IsString() @MaxLength(1000)
  note?: string;
}

export class ImportQueryDto {
  @ApiPropertyOptional({ description: 'the organisation that owns the imported sites (default: yours; admins name one)' })
  @QueryOptional() @IsUUID()
  organisationId?: string;
}

export class TurnaroundQueryDto {
  @ApiPropertyOptional({ example: 'E08000035' }) @QueryOptional() @Matches(LOCAL_AUTHORITY_CODE, AREA_MESSAGE) localAuthorityCode?: string;
  @ApiPropertyOptional() @QueryOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}
