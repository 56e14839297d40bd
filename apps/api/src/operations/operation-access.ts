import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessPolicy } from '../auth/access-policy';
import { AuthUser, hasRole, Role } from '../auth/roles';
import { forbidden, notFound } from '../common/domain-error';
import { OperationForViewer, OperationsRepository } from './operations.repository';

export interface VisibleOperation extends OperationForViewer {
  viewerIsLead: boolean;
}

const PLANNING_ROLES: Role[] = ['emergency_planner', 'operation_lead'];
const CENTRE_ROLES: Role[] = ['emergency_planner', 'operation_lead', 'housing_officer', 'reception_officer'];
/** Pathway facts (referrals, decisions, exits, missing/found) are also recorded by case workers. */
const PATHWAY_ROLES: Role[] = [...CENTRE_ROLES, 'case_worker'];

/**
 * Who may see and do what on an operation. An operation is visible to admins, to its lead organisation
 * and to every organisation on its agency roster; anyone else is told it does not exist (404).
 *
 * - Planning it (status, venue, roster): the lead organisation's emergency planners and operation leads.
 * - Working with people at the centre (register, triage, stations): non-partner staff of the lead
 *   organisation or of a rostered agency (the police de-brief, the health provider checks...).
 * - Pathway facts: the same staff, and case workers (lead organisation or rostered agency).
 * - Personal data (names, date of birth): the lead organisation's housing officers, emergency planners,
 *   operation leads, reception officers and case workers, and admins. Never partners, never other
 *   agencies: they work with references.
 * - Partners get a narrow view: counts and references, no personal data, no exploitation site.
 */
@Injectable()
export class OperationAccess {
  constructor(
    private readonly operations: OperationsRepository,
    private readonly policy: AccessPolicy,
  ) {}

  async visible(user: AuthUser, operationId: string, manager?: EntityManager): Promise<VisibleOperation> {
    const operation = await this.operations.findForViewer(operationId, user.organisationId, manager);
    if (!operation) throw notFound('Operation');
    const viewerIsLead = operation.leadOrganisationId === user.organisationId;
    if (!this.policy.isAdmin(user) && !viewerIsLead && !operation.viewerOnRoster) throw notFound('Operation');
    return { ...operation, viewerIsLead };
  }

  canPlan(user: AuthUser, op: VisibleOperation): boolean {
    return this.policy.isAdmin(user) || (op.viewerIsLead && hasRole(user, ...PLANNING_ROLES));
  }

  assertCanPlan(user: AuthUser, op: VisibleOperation): void {
    if (!this.canPlan(user, op)) throw forbidden("Only the lead organisation's emergency planners and operation leads may change this operation");
  }

  canWorkWithPeople(user: AuthUser, op: VisibleOperation): boolean {
    return this.policy.isAdmin(user) || ((op.viewerIsLead || op.viewerOnRoster) && hasRole(user, ...CENTRE_ROLES));
  }

  assertCanWorkWithPeople(user: AuthUser, op: VisibleOperation): void {
    if (!this.canWorkWithPeople(user, op)) throw forbidden('Your role may only view this operation');
  }

  canRecordPathway(user: AuthUser, op: VisibleOperation): boolean {
    return this.policy.isAdmin(user) || ((op.viewerIsLead || op.viewerOnRoster) && hasRole(user, ...PATHWAY_ROLES));
  }

  assertCanRecordPathway(user: AuthUser, op: VisibleOperation): void {
    if (!this.canRecordPathway(user, op)) throw forbidden('Your role may only view this operation');
  }

  canSeePersonalData(user: AuthUser, op: VisibleOperation): boolean {
    return this.policy.isAdmin(user) || (op.viewerIsLead && hasRole(user, ...PATHWAY_ROLES));
  }

  assertCanSeePersonalData(user: AuthUser, op: VisibleOperation): void {
    if (!this.canSeePersonalData(user, op)) {
      throw forbidden("Personal data is shown only to the lead organisation's centre and case-work staff");
    }
  }

  /** Partners (and only partners) see the narrow view. */
  isNarrowView(user: AuthUser): boolean {
    return !this.policy.isAdmin(user) && !hasRole(user, ...PATHWAY_ROLES);
  }
}
