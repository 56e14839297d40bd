import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../auth/access-policy';
import { AuthUser } from '../auth/roles';
import { forbidden, notFound } from '../common/domain-error';
import { areaRoom, operationRoom } from './live-events';
import { LiveRepository } from './live.repository';

export type LiveTarget = { operationId: string } | { localAuthorityCode: string };

export const roomOf = (target: LiveTarget) =>
  'operationId' in target ? operationRoom(target.operationId) : areaRoom(target.localAuthorityCode);

/**
 * Who may watch what. An operation: admins, its lead organisation and the organisations on its agency
 * roster (an operation you may not see is "not found", as over HTTP). An area: admins and users whose
 * organisation belongs to that local authority (area codes are public, so a refusal says so plainly).
 */
@Injectable()
export class LiveAccess {
  constructor(
    private readonly policy: AccessPolicy,
    private readonly repository: LiveRepository,
  ) {}

  async assertMayWatch(user: AuthUser, target: LiveTarget): Promise<void> {
    const admin = this.policy.isAdmin(user);
    if ('operationId' in target) {
      const visible = await this.repository.operationVisible(target.operationId, admin ? null : user.organisationId);
      if (!visible) throw notFound('Operation');
      return;
    }
    if (admin) return;
    const area = await this.repository.organisationArea(user.organisationId);
    if (area !== target.localAuthorityCode) throw forbidden('You may watch only your own local authority area');
  }
}
