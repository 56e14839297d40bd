import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bed options and the placing check ask "which beds at these sites are held for part of this period?"
 * (see `PlacementsRepository.siteRows`). The exclusion constraint's index answers it bed by bed, which is
 * ~5,000 GiST probes for an area; this index answers it site by site. It counts ended placements too,
 * as the exclusion constraint does (an ended placement keeps its truncated period), and so replaces
 * `placement_site_live_idx` (reserved and active only): a query on live placements is still served by it.
 * Measured with `npm run bench:placement` (bench/README.md).
 */
export class PlacementIndexes1764100007000 implements MigrationInterface {
  name = 'PlacementIndexes1764100007000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `create index placement_site_period_idx on placement using gist (site_id, period)
       where (status in ('reserved','active','ended'))`,
    );
    await db.query(`drop index placement_site_live_idx`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `create index placement_site_live_idx on placement using gist (site_id, period) where (status in ('reserved','active'))`,
    );
    await db.query(`drop index placement_site_period_idx`);
  }
}
