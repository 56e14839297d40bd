import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequestId } from '../auth/current-user.decorator';
import { AuthUser, Roles } from '../auth/roles';
import { AuditCsvService } from './audit-csv.service';
import { AuditFilterDto, AuditQueryDto } from './audit.dto';
import { AuditService } from './audit.service';

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
