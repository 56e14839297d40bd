import { Injectable } from '@nestjs/common';
import { AreaFilter } from '@safe-harbour/domain';
import { AccessService } from '../access/access.service';
import { AuthUser } from '../auth/roles';
import { forbidden } from '../common/domain-error';
import { areaRoom, operationRoom } from './live-events';

export type LiveTarget = { operationId: string } | { localAuthorityCode: string };

export const roomOf = (target: LiveTarget) =>
  'operationId' in target ? operationRoom(target.operationId) : areaRoom(target.localAuthorityCode);

/**
 * Who may watch what: a thin caller of the access layer (docs/access.md). An operation: whoever holds
 * `watch` in it (anyone else is told it does not exist). An area: admins and users whose organisation
 * belongs to that local authority (area codes are public, so a refusal says so plainly); an area feed then
 * carries only the events of objects the subscriber may see (LiveDelivery asks `eventFilter`).
 */
@Injectable()
export class LiveAccess {
  constructor(private readonly access: AccessService) {}

  async assertMayWatch(user: AuthUser, target: LiveTarget): Promise<void> {
    if ('operationId' in target) {
      this.access.require(await this.access.operation(user, target.operationId), 'watch');
      return;
    }
    if (this.access.isAdmin(user)) return;
    const area = await this.access.organisationArea(user.organisationId);
    if (area !== target.localAuthorityCode) throw forbidden('You may watch only your own local authority area');
  }

  areaFilter(user: AuthUser): Promise<AreaFilter> {
    return this.access.liveAreaFilter(user);
  }
}
