import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CostedPlacement } from '@safe-harbour/domain';
import { DataSource } from 'typeorm';

/** The SQL of the costs table: spot-purchased placements (those booked with a nightly price). */
@Injectable()
export class CostsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Placements with a nightly price that someone slept in (not reservations, not non-arrivals), for one
   * operation or the sites of one area, limited to operations `organisationId` takes part in (null: all).
   */
  async spotPurchased(q: { operationId: string | null; localAuthorityCode: string | null; organisationId: string | null }): Promise<CostedPlacement[]> {
    const rows = await this.dataSource.query(
      `select p.operation_id as "operationId", o.name as "operationName", s.id as "siteId", s.name as "siteName",
              s.type as "siteType", p.nightly_cost_pence as "nightlyCostPence", lower(p.period) as "from",
              coalesce(p.ended_at, upper(p.period)) as "endedAt"
       from placement p
       join site s on s.id = p.site_id
       left join operation o on o.id = p.operation_id
       where p.nightly_cost_pence is not null
         and p.kind = 'placement' and p.status in ('active','ended')
         and p.end_reason is distinct from 'non_arrival'
         and ($1::uuid is null or p.operation_id = $1)
         and ($2::text is null or s.local_authority_code = $2)
         and ($3::uuid is null or o.lead_organisation_id = $3
              or exists (select 1 from operation_agency a where a.operation_id = p.operation_id and a.organisation_id = $3))
       order by o.name, s.name, lower(p.period)`,
      [q.operationId, q.localAuthorityCode, q.organisationId],
    );
    return rows.map((r: CostedPlacement & { nightlyCostPence: number | string }) => ({ ...r, nightlyCostPence: Number(r.nightlyCostPence) }));
  }
}
