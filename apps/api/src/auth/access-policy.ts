import { Injectable } from '@nestjs/common';
import { notFound } from '../common/domain-error';
import { AuthUser, hasRole } from './roles';

/**
 * The one place that answers "may this user see records owned by this organisation?". Services call it
 * at the top of each method. Admins administer the whole deployment; everyone else sees their own
 * organisation's records (features widen this where the domain says so, e.g. agencies on an operation).
 * Invisible records are reported as not found, so existence never leaks across organisations.
 */
@Injectable()
export class AccessPolicy {
  isAdmin(user: AuthUser): boolean {
    return hasRole(user, 'admin');
  }

  canSeeOrganisation(user: AuthUser, organisationId: string): boolean {
    return this.isAdmin(user) || user.organisationId === organisationId;
  }

  assertOrganisationVisible(user: AuthUser, organisationId: string, what: string): void {
    if (!this.canSeeOrganisation(user, organisationId)) throw notFound(what);
  }
}
