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
}
