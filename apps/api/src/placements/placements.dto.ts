import { LOCAL_AUTHORITY_CODE } from '@safe-harbour/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,

  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsInstant } from '../common/instant';

export const PLACEMENT_KINDS = ['reservation', 'placement'] as const;
export const END_REASONS = [
  'moved_on',
  'left_support',
  'returned_home',
  'children_services',
  'non_arrival',
  'other',
] as const;


export class OverrideDto {
  @ApiProperty({ description: 'Why the hard rule is set aside; audited' })
  @IsString() @MinLength(10) @MaxLength(1000)
  reason: string;
}

export class CreatePlacementDto {
  @ApiProperty() @IsUUID() personId: string;
  @ApiProperty() @IsUUID() bedId: string;
  @ApiProperty({ example: '2026-11-25T21:00:00Z' }) @IsInstant() from: string;
  @ApiPropertyOptional({ description: 'Exclusive end; open-ended when absent' }) @IsOptional() @IsInstant() until?: string;
  @ApiProperty({ enum: PLACEMENT_KINDS }) @IsIn(PLACEMENT_KINDS) kind: (typeof PLACEMENT_KINDS)[number];
  @ApiPropertyOptional({ type: OverrideDto }) @IsOptional() @ValidateNested() @Type(() => OverrideDto) override?: OverrideDto;
  @ApiPropertyOptional() @IsOptional() @IsInstant() expectedArrivalAt?: string;
}

export class GroupPlacementMemberDto {
  @ApiProperty() @IsUUID() personId: string;
  @ApiProperty() @IsUUID() bedId: string;
}

export class CreateGroupPlacementDto {
  @ApiProperty({ type: [GroupPlacementMemberDto] })
  @ArrayMinSize(2) @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => GroupPlacementMemberDto)
  members: GroupPlacementMemberDto[];
  @ApiProperty() @IsInstant() from: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() until?: string;
  @ApiProperty({ enum: PLACEMENT_KINDS }) @IsIn(PLACEMENT_KINDS) kind: (typeof PLACEMENT_KINDS)[number];
  @ApiPropertyOptional({ type: OverrideDto }) @IsOptional() @ValidateNested() @Type(() => OverrideDto) override?: OverrideDto;
}

export class EndPlacementDto {
  @ApiProperty() @IsInstant() at: string;
  @ApiProperty({ enum: END_REASONS }) @IsIn(END_REASONS) reason: (typeof END_REASONS)[number];
  @ApiPropertyOptional({ description: 'Where the person moved on to (kept on the placement, never in events)' })
  @IsOptional() @IsString() @MaxLength(500) moveOnDestination?: string;
}

export class TransferPlacementDto {
  @ApiProperty() @IsUUID() bedId: string;
  @ApiProperty() @IsInstant() at: string;
  @ApiPropertyOptional({ type: OverrideDto }) @IsOptional() @ValidateNested() @Type(() => OverrideDto) override?: OverrideDto;
}

export class ArrivalDto {
  @ApiPropertyOptional() @IsOptional() @IsInstant() arrivedAt?: string;
  @ApiPropertyOptional({ description: 'When the person did not arrive' }) @IsOptional() @IsString() @MinLength(3) @MaxLength(500) nonArrivalReason?: string;
}

export class BedOptionsQuery {
  @ApiPropertyOptional() @IsOptional() @IsInstant() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() until?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  @ApiPropertyOptional({ isArray: true, description: 'Areas to search (default: the operation area and its cross-boundary partners)' })
  @IsOptional() @Transform(({ value }) => (Array.isArray(value) ? value : [value])) @Matches(LOCAL_AUTHORITY_CODE, { each: true })
  localAuthorityCode?: string[];
}

export class OccupancyQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(LOCAL_AUTHORITY_CODE) localAuthorityCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() operationId?: string;
}


export class CostsQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(LOCAL_AUTHORITY_CODE) localAuthorityCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() operationId?: string;
}

export class CreateFamilyPlacementDto {
  @ApiProperty({ description: 'Anyone of the family: everyone in their group is placed' }) @IsUUID() personId: string;
  @ApiProperty({ description: 'The site to place them in; the beds are chosen there, a room together where it can' }) @IsUUID() siteId: string;
  @ApiProperty() @IsInstant() from: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() until?: string;
  @ApiProperty({ enum: PLACEMENT_KINDS }) @IsIn(PLACEMENT_KINDS) kind: (typeof PLACEMENT_KINDS)[number];
  @ApiPropertyOptional({ type: OverrideDto }) @IsOptional() @ValidateNested() @Type(() => OverrideDto) override?: OverrideDto;
}
