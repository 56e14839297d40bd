import { IntersectionType } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsInstant } from '../common/instant';
import { PageQuery } from '../common/pagination';

export class AuditFilterDto {
  @IsOptional() @IsString() @Matches(/^[A-Za-z]{3,6}-[0-9]{3,}$/, { message: 'personReference must be a reference such as RAV-007' })
  personReference?: string;
  @IsOptional() @IsString() @MaxLength(100) entityType?: string;
  @IsOptional() @IsString() @MaxLength(100) entityId?: string;
  @IsOptional() @IsUUID() actorUserId?: string;
  @IsOptional() @IsUUID() organisationId?: string;
  @IsOptional() @IsString() @MaxLength(100) action?: string;
  @IsOptional() @IsInstant() from?: string;
  @IsOptional() @IsInstant() to?: string;
}

/** The list's filters and its paging (the CSV export takes the filters alone). */
export class AuditQueryDto extends IntersectionType(PageQuery, AuditFilterDto) {}
