import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '../common/pagination';

export class PlaceLegalHoldDto {
  @ApiPropertyOptional({ description: 'Hold one person (give this or operationId, not both)' })
  @IsOptional() @IsUUID()
  personId?: string;

  @ApiPropertyOptional({ description: 'Hold one person by reference, e.g. RAV-007 (instead of personId)' })
  @IsOptional() @IsString() @Matches(/^[A-Za-z]{3,6}-[0-9]{3,}$/, { message: 'personReference must be a reference such as RAV-007' })
  personReference?: string;

  @ApiPropertyOptional({ description: 'Hold every person of an operation' })
  @IsOptional() @IsUUID()
  operationId?: string;

  @ApiProperty({ example: 'West Yorkshire Police investigation 13/2026: live' })
  @IsString() @MinLength(1) @MaxLength(500)
  reason: string;
}

export class ListLegalHoldsQuery {
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;

  @IsOptional() @IsUUID() personId?: string;
  @IsOptional() @IsUUID() operationId?: string;
}

export class ListRetentionRunsQuery extends PageQuery {}
