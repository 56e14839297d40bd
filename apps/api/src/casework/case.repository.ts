import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface CasePlacementRow {
  id: string;
  kind: 'reservation' | 'placement';
  status: string;
  from: Date;
  until: Date | null;
  endedAt: Date | null;
  endReason: string | null;
  siteId: string;
  siteName: string;
  siteType: string;
  bedLabel: string;
  localAuthorityCode: string;
  /** held or occupied at `now` */
  current: boolean;
}

/** The SQL of a person's case as a whole: the parts no single feature's repository reads together. */
@Injectable()
export class CaseRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every placement and reservation of the person, latest first; never the site's (restricted) address. */
  async placements(personId: string, now: Date): Promise<CasePlacementRow[]> {
    return this.dataSource.query(
      `select p.id, p.kind, p.status, lower(p.period) as "from", upper(p.period) as "until", p.ended_at as "endedAt",
              p.end_reason as "endReason", s.id as "siteId", s.name as "siteName", s.type as "siteType", b.label as "bedLabel",
              s.local_authority_code as "localAuthorityCode",
              (p.status in ('reserved','active') and p.period @> $2::timestamptz) as current
       from placement p join site s on s.id = p.site_id join bed b on b.id = p.bed_id
       where p.person_id = $1
       order by lower(p.period) desc, p.created_at desc`,
      [personId, now],
    );
  }

  /** Display names of the staff who recorded facts, for "who" on the timeline (never shown to partners). */
  async staffNames(userIds: string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const rows: Array<{ id: string; displayName: string; organisationName: string }> = await this.dataSource.query(
      `select u.id, u.display_name as "displayName", o.name as "organisationName"
       from app_user u join organisation o on o.id = u.organisation_id where u.id = any($1::uuid[])`,
      [userIds],
    );
    return new Map(rows.map((r) => [r.id, `${r.displayName} (${r.organisationName})`]));
  }

  /**
   * The organisations that may make a referral for a person of this operation: its lead organisation and
   * the agencies on its roster, of the kinds that act as NRM first responders (the referral route checks
   * the same rule and refuses any other).
   */
  async firstResponders(operationId: string): Promise<Array<{ id: string; name: string; kind: string }>> {
    return this.dataSource.query(
      `select o.id, o.name, o.kind from organisation o
       where o.kind in ('council','police','ngo')
         and (o.id = (select lead_organisation_id from operation where id = $1)
              or exists (select 1 from operation_agency a where a.operation_id = $1 and a.organisation_id = o.id))
       order by lower(o.name)`,
      [operationId],
    );
  }

  /** The person's reconsideration request still waiting for its outcome, if any (the outcome route names it). */
  async pendingReconsiderationId(personId: string): Promise<string | null> {
    const [row] = await this.dataSource.query(
      `select id from reconsideration where person_id = $1 and outcome is null order by requested_at desc limit 1`,
      [personId],
    );
    return row?.id ?? null;
  }

  /** The person's Recovery Needs Assessment (or extension request) still waiting for its outcome, if any. */
  async pendingRecoveryNeedsAssessmentId(personId: string): Promise<string | null> {
    const [row] = await this.dataSource.query(
      `select id from recovery_needs_assessment where person_id = $1 and outcome is null order by requested_at desc limit 1`,
      [personId],
    );
    return row?.id ?? null;
  }
}
