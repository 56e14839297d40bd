import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OPERATION_STATUSES, OperationStatus } from '@safe-harbour/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsInstant } from '../common/instant';
import { PageQuery } from '../common/pagination';
import { LOCAL_AUTHORITY_CODE } from '../organisations/organisations.dto';

export class LocationDto {
  @ApiProperty({ example: 53.7996 })
  @IsLatitude()
  lat: number;

  @ApiProperty({ example: -1.5491 })
  @IsLongitude()
  lng: number;
}

export class CreateOperationDto {
  @ApiProperty({ example: 'Operation Raven' })
  @IsString() @MinLength(1) @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'RAV', description: '3-6 capital letters used in every person reference; derived from the name when absent' })
  @IsOptional() @Matches(/^[A-Z]{3,6}$/, { message: 'code must be 3 to 6 capital letters' })
  code?: string;

  @ApiProperty({ description: 'The lead agency, usually the police force' })
  @IsUUID()
  leadOrganisationId: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Councils that plan the reception centre and own the beds; a planner of one may create an operation led by another organisation',
  })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsUUID('all', { each: true })
  hostCouncilIds?: string[];

  @ApiProperty({ example: 'E08000035' })
  @Matches(LOCAL_AUTHORITY_CODE, { message: 'localAuthorityCode must be an ONS code like E08000035' })
  localAuthorityCode: string;

  @ApiProperty({ example: '2025-06-10T05:00:00+01:00' })
  @IsInstant()
  plannedStart: string;

  @ApiProperty({ example: 20 })
  @IsInt() @Min(0) @Max(5000)
  expectedPeople: number;

  @ApiPropertyOptional({ type: LocationDto, description: 'Where people were exploited: placements keep away from it. Never shown to partners.' })
  @IsOptional() @ValidateNested() @Type(() => LocationDto)
  exploitationSite?: LocationDto;
}

export class UpdateOperationDto {
  @ApiPropertyOptional({ enum: OPERATION_STATUSES, description: 'planning -> active -> stood_down -> closed only' })
  @IsOptional() @IsIn(OPERATION_STATUSES)
  status?: OperationStatus;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsInstant()
  plannedStart?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsInt() @Min(0) @Max(5000)
  expectedPeople?: number;

  @ApiPropertyOptional({ type: LocationDto, nullable: true, description: 'null removes it' })
  @ValidateIf((_, value) => value !== null && value !== undefined) @ValidateNested() @Type(() => LocationDto)
  exploitationSite?: LocationDto | null;
}

export class ListOperationsQuery extends PageQuery {
  @IsOptional() @IsIn(OPERATION_STATUSES)
  status?: OperationStatus;
}

export class BookReceptionCentreDto {
  @ApiProperty({ description: 'A site of type reception_centre or respite_centre; its rooms and beds come from the inventory' })
  @IsUUID()
  siteId: string;

  @ApiProperty({ example: '2025-06-10T05:00:00+01:00' })
  @IsInstant()
  opensAt: string;

  @ApiProperty({ example: '2025-06-15T12:00:00+01:00' })
  @IsInstant()
  closesAt: string;
}

export const ATTENDANCES = ['present', 'on_call'] as const;
export type Attendance = (typeof ATTENDANCES)[number];
const PHONE = /^\+?[0-9 ()-]{6,25}$/;

export class AddAgencyDto {
  @ApiProperty()
  @IsUUID()
  organisationId: string;

  @ApiProperty({ enum: ATTENDANCES })
  @IsIn(ATTENDANCES)
  attendance: Attendance;

  @ApiProperty({ example: 'DS Priya Shah' })
  @IsString() @MinLength(1) @MaxLength(200)
  contactName: string;

  @ApiProperty({ example: '0113 496 0000' })
  @Matches(PHONE, { message: 'contactPhone must be a phone number (digits, spaces, +, -, brackets)' })
  contactPhone: string;

  @ApiPropertyOptional()
  @IsOptional() @IsInstant()
  onSiteFrom?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsInstant()
  onSiteUntil?: string;
}

export class UpdateAgencyDto {
  @ApiPropertyOptional({ enum: ATTENDANCES })
  @IsOptional() @IsIn(ATTENDANCES)
  attendance?: Attendance;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  contactName?: string;

  @ApiPropertyOptional()
  @IsOptional() @Matches(PHONE, { message: 'contactPhone must be a phone number (digits, spaces, +, -, brackets)' })
  contactPhone?: string;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, value) => value !== null && value !== undefined) @IsInstant()
  onSiteFrom?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, value) => value !== null && value !== undefined) @IsInstant()
  onSiteUntil?: string | null;
}
