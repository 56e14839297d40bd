import { Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { readFileSync } from 'node:fs';
import { CurrentUser } from '../auth/current-user.decorator';
import { ANY_ROLE, AuthUser, hasRole, Roles } from '../auth/roles';
import { OperationsService } from '../operations/operations.service';
import { PageIdPipe } from './params';
import { render } from './render';
import { DASHBOARD_INDEX } from './web-setup';
import { WebController } from './web-routing';

/** The planner's pages: the operations list, creating and editing an operation, its stages. */
@WebController('operations')
export class OperationsPages {
  constructor(private readonly operations: OperationsService) {}

  @Get()
  @Roles(...ANY_ROLE)
  async list(@Res() res: Response, @CurrentUser() user: AuthUser) {
    const page = await this.operations.list(user, { limit: 200 });
    render(res, 'operations/list', {
      title: 'Operations',
      operations: page.items,
      canCreate: hasRole(user, 'admin', 'emergency_planner', 'operation_lead'),
    });
  }

  /** The live picture (the Preact dashboard), inside the service: it borrows this session's token. */
  @Get(':id/live')
  @Roles(...ANY_ROLE)
  async live(@Res() res: Response, @CurrentUser() user: AuthUser, @Param('id', PageIdPipe) id: string) {
    const op = await this.operations.get(user, id);
    const csrf = String(res.locals.csrfToken);
    const html = readFileSync(DASHBOARD_INDEX(), 'utf8')
      .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(op.name)}: live picture – Safe Harbour</title>`)
      .replace('</head>', `<meta name="csrf-token" content="${escapeHtml(csrf)}"></head>`);
    res.type('html').send(html);
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
