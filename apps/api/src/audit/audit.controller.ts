import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags, IntersectionType } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { CurrentUser, RequestId } from '../auth/current-user.decorator';
import { AuthUser, Roles } from '../auth/roles';
import { PageQuery } from '../common/pagination';
import { AuditCsvService } from './audit-csv.service';
import { AuditService } from './audit.service';

export class AuditFilterDto {
  @IsOptional() @IsString() @Matches(/^[A-Za-z]{3,6}-[0-9]{3,}$/, { message: 'personReference must be a reference such as RAV-007' })
  personReference?: string;
  @IsOptional() @IsString() @MaxLength(100) entityType?: string;
  @IsOptional() @IsString() @MaxLength(100) entityId?: string;
  @IsOptional() @IsUUID() actorUserId?: string;
  @IsOptional() @IsUUID() organisationId?: string;
  @IsOptional() @IsString() @MaxLength(100) action?: string;
  @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @IsOptional() @IsISO8601({ strict: true }) to?: string;
}

/** The list's filters and its paging (the CSV export takes the filters alone). */
export class AuditQueryDto extends IntersectionType(PageQuery, AuditFilterDto) {}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly csv: AuditCsvService,
  ) {}

  @Get()
  @Roles('admin')
  list(@Query() query: AuditQueryDto) {
    return this.audit.list(query);
  }

  /** The same filters as the list, every matching row, newest first. */
  @Get('export.csv')
  @Roles('admin')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="safe-harbour-audit.csv"')
  @Header('Cache-Control', 'no-store')
  exportCsv(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Query() query: AuditFilterDto): StreamableFile {
    return new StreamableFile(this.csv.stream({ user, requestId }, query));
  }
}
