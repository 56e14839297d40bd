import { Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentUser } from '../auth/current-user.decorator';
import { ANY_ROLE, AuthUser, Public, Roles } from '../auth/roles';
import { OperationsService } from '../operations/operations.service';
import { startPageFor } from './navigation';
import { redirect, render } from './render';
import { WebController } from './web-routing';

@WebController()
export class HomePages {
  constructor(private readonly operations: OperationsService) {}

  /** `/` takes each person to where their work starts (see navigation.ts). */
  @Get()
  @Roles(...ANY_ROLE)
  async start(@Res() res: Response, @CurrentUser() user: AuthUser) {
    const start = startPageFor(user);
    if (start.kind === 'page') return redirect(res, start.href);
    // The desk and the lead's live picture belong to an operation: the newest running one, else planned.
    for (const status of ['active', 'planning'] as const) {
      const [op] = (await this.operations.list(user, { status, limit: 1 })).items;
      if (op) return redirect(res, `/operations/${op.id}/${start.page}`);
    }
    redirect(res, '/operations');
  }

  @Get('accessibility')
  @Public()
  accessibility(@Res() res: Response) {
    render(res, 'accessibility', { title: 'Accessibility statement' });
  }
}
