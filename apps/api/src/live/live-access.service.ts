import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../auth/access-policy';
import { AuthUser } from '../auth/roles';
import { forbidden } from '../common/domain-error';
import { OperationAccess } from '../operations/operation-access';
import { areaRoom, operationRoom } from './live-events';
import { LiveRepository } from './live.repository';

export type LiveTarget = { operationId: string } | { localAuthorityCode: string };

export const roomOf = (target: LiveTarget) =>
  'operationId' in target ? operationRoom(target.operationId) : areaRoom(target.localAuthorityCode);

/**
 * Who may watch what. An operation: whoever may see it over HTTP (admins, its lead organisation and the
 * organisations on its agency roster; anyone else is told it does not exist), through the operations
 * feature's own rule. An area: admins and users whose organisation belongs to that local authority
 * (area codes are public, so a refusal says so plainly).
 */
@Injectable()
export class LiveAccess {
  constructor(
    private readonly policy: AccessPolicy,
    private readonly operations: OperationAccess,
    private readonly repository: LiveRepository,
  ) {}

  async assertMayWatch(user: AuthUser, target: LiveTarget): Promise<void> {
    if ('operationId' in target) {
      await this.operations.visible(user, target.operationId);
      return;
    }
    if (this.policy.isAdmin(user)) return;
    const area = await this.repository.organisationArea(user.organisationId);
    if (area !== target.localAuthorityCode) throw forbidden('You may watch only your own local authority area');
  }
}
