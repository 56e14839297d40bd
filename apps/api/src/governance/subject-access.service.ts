import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { redactForSubject, RedactionContext, redactionTerms } from '@safe-harbour/domain';
import { DataSource, EntityManager } from 'typeorm';
import { AuditRepository } from '../audit/audit.repository';
import { Actor, AuditService } from '../audit/audit.service';
import { AuthUser, hasRole } from '../auth/roles';
import { forbidden } from '../common/domain-error';
import { OperationAccess } from '../operations/operation-access';
import { PersonAccess } from '../people/person-access';
import { SubjectAccessRepository, WITHHELD_TABLES } from './subject-access.repository';

/** Where each table's rows go in the export; a table not named here is listed under `otherRecords`. */
const PATHWAY_TABLES: Record<string, string> = {
  pathway_event: 'events',
  referral: 'referrals',
  decision: 'decisions',
  missing_episode: 'missingEpisodes',
  deadline: 'deadlines',
};
const SECTION_TABLES = new Set(['person_identity', 'placement', ...Object.keys(PATHWAY_TABLES)]);

const STAFF_KEYS = /(_by|_user_id)$/;

/**
 * Subject access requests (UK GDPR Art. 15): one export of everything held about a person, with other
 * people redacted (see libs/domain redaction rules), who read their record, and what was withheld and why.
 * Only an admin or an emergency planner of the operation's lead organisation (the controller's data
 * protection contact) may produce one; producing it is itself audited.
 */
@Injectable()
export class SubjectAccessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sar: SubjectAccessRepository,
    private readonly personAccess: PersonAccess,
    private readonly operations: OperationAccess,
    private readonly audit: AuditService,
    private readonly trail: AuditRepository,
  ) {}

  async export(actor: Actor & { user: AuthUser }, personId: string) {
    const { person, op } = await this.personAccess.visible(actor.user, personId);
    if (!(hasRole(actor.user, 'admin') || (op.grant.parts.includes('lead') && hasRole(actor.user, 'emergency_planner')))) {
      throw forbidden("Subject access exports are produced by an admin or an emergency planner of the operation's lead organisation");
    }
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const self = await this.sar.sameHuman(m, personId);
      const tables = await this.sar.tablesAboutPeople(m);
      const held: Record<string, Array<Record<string, unknown>>> = {};
      for (const table of tables) {
        if (WITHHELD_TABLES[table]) continue;
        held[table] = await this.sar.rowsOf(m, table, self);
      }
      const records = await Promise.all(self.map((id) => this.sar.person(m, id)));
      const identities = held.person_identity ?? [];
      const ownNames = identities.flatMap((i) => [i.given_name, i.family_name, ...((i.aliases as string[]) ?? [])]).filter((n): n is string => typeof n === 'string');
      const others = await this.sar.othersOfOperation(m, person.operationId, self);
      const ctx: RedactionContext = {
        selfPersonIds: new Set(self),
        ownNames,
        otherNames: others.flatMap((o) => [o.givenName, o.familyName, ...o.aliases]).filter((n): n is string => !!n),
        staffOrganisation: await this.sar.staffOrganisations(m, staffIds([records, held])),
      };
      const terms = redactionTerms(ctx);
      const redact = <T>(v: T) => redactForSubject(v, ctx, terms) as T;

      const placements = held.placement ?? [];
      const sites = await this.sar.sites(m, [...new Set(placements.map((p) => p.site_id as string))]);
      const group = person.groupId ? await this.sar.group(m, person.groupId, self) : null;
      const reads = await this.sar.reads(m, self);

      const exportBody = {
        generatedAt: new Date().toISOString(),
        subject: { reference: person.reference, personIds: self },
        controller: { organisation: op.leadOrganisationName, operation: op.name },
        identity: redact(identities),
        records: redact(records.filter(Boolean)),
        group: group ? redact({ kind: group.kind, label: group.label, otherMembers: group.otherMembers }) : null,
        pathway: Object.fromEntries(Object.entries(PATHWAY_TABLES).map(([table, section]) => [section, redact(held[table] ?? [])])),
        placements: redact(
          placements.map((p) => ({ ...p, site: sites.get(p.site_id as string) ?? null, siteAddress: 'withheld: the addresses of safe accommodation are confidential to protect the people living there' })),
        ),
        notes: redact(records.filter(Boolean).map((r) => ({ source: 'triage', text: r!.triage_notes ?? null })).filter((n) => n.text)),
        otherRecords: redact(Object.fromEntries(Object.entries(held).filter(([table]) => !SECTION_TABLES.has(table)))),
        readBy: reads.map((r) => ({ at: r.at, action: r.action, organisation: r.organisationName ?? 'Safe Harbour (system)' })),
        redactions: [
          'Members of staff are named by their organisation only.',
          'Other people are shown as "[another person]"; their names in free text as "[name redacted]".',
        ],
        withheld: Object.entries(WITHHELD_TABLES)
          .filter(([table]) => tables.includes(table))
          .map(([table, reason]) => ({ records: table, reason })),
      };
      await this.audit.record(m, actor, {
        action: 'subject_access_export',
        entityType: 'person',
        entityId: personId,
        details: { reference: person.reference, operationId: op.id, tables: Object.keys(held) },
      });
      return exportBody;
    });
  }

  /** "Who viewed this record": for those who may see the person's personal data themselves. */
  async viewedBy(actor: Actor & { user: AuthUser }, personId: string, m?: EntityManager) {
    const { op } = await this.personAccess.visible(actor.user, personId);
    this.operations.assertCanSeePersonalData(actor.user, op);
    const rows = await this.trail.readsOfPerson(m ?? this.dataSource.manager, personId, 500);
    return {
      items: rows.map((r) => ({ at: r.at, action: r.action, userId: r.actorUserId, userName: r.actorName, organisationName: r.actorOrganisationName })),
    };
  }
}

function staffIds(values: unknown): string[] {
  const ids = new Set<string>();
  const walk = (v: unknown, key: string) => {
    if (typeof v === 'string' && STAFF_KEYS.test(key)) ids.add(v);
    else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => walk(x, k));
  };
  walk(values, '');
  return [...ids].filter((id) => /^[0-9a-f-]{36}$/.test(id));
}
