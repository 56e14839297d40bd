import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '../common/pagination';

export class PlaceLegalHoldDto {
  @ApiPropertyOptional({ description: 'Hold one person (give this or operationId, not both)' })
  @IsOptional() @IsUUID()
  personId?: string;

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
