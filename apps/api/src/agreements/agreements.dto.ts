import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DATA_CLASSES, DataClass, SITE_TYPES } from '@safe-harbour/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsInstant } from '../common/instant';
import { PageQuery } from '../common/pagination';

export const AGREEMENT_KINDS = ['cross_boundary', 'data_sharing'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

export class AgreementScopeDto {
  @ApiPropertyOptional({ type: [String], description: 'cross_boundary: only these sites (of the parties)' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @ArrayUnique() @IsUUID('all', { each: true })
  siteIds?: string[];

  @ApiPropertyOptional({ enum: SITE_TYPES, isArray: true, description: 'cross_boundary: only sites of these types' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(SITE_TYPES, { each: true })
  siteTypes?: string[];

  @ApiPropertyOptional({ description: 'data_sharing: only this operation (else every operation a party leads or hosts)' })
  @IsOptional() @IsUUID()
  operationId?: string;

  @ApiPropertyOptional({ enum: DATA_CLASSES, isArray: true, description: 'data_sharing: the classes of data shared (required)' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(DATA_CLASSES, { each: true })
  classes?: DataClass[];
}

export class CreateAgreementDto {
  @ApiProperty({ enum: AGREEMENT_KINDS })
  @IsIn(AGREEMENT_KINDS)
  kind: AgreementKind;

  @ApiProperty({ type: [String], description: 'The parties (two or more organisations)' })
  @IsArray() @ArrayMinSize(2) @ArrayMaxSize(10) @ArrayUnique() @IsUUID('all', { each: true })
  organisationIds: string[];

  @ApiProperty({ example: '2025-06-01T00:00:00+01:00' })
  @IsInstant()
  from: string;

  @ApiPropertyOptional({ description: 'Open-ended when absent' })
  @IsOptional() @IsInstant()
  until?: string;

  @ApiProperty({ example: 'MoU WY-2025-03', description: "The agreement's own reference (memorandum, DSA number)" })
  @IsString() @MinLength(1) @MaxLength(200)
  reference: string;

  @ApiPropertyOptional({ type: AgreementScopeDto })
  @IsOptional() @ValidateNested() @Type(() => AgreementScopeDto)
  scope?: AgreementScopeDto;
}

export class ListAgreementsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: AGREEMENT_KINDS })
  @IsOptional() @IsIn(AGREEMENT_KINDS)
  kind?: AgreementKind;
}
