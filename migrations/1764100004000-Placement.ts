import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Placements and reservations of a person in a bed over a period `[from, until)`.
 *
 * Double-booking is impossible by construction: two exclusion constraints refuse overlapping live periods
 * for one bed and for one person, whatever the application does. Expired and cancelled reservations drop out
 * of the constraints (their period no longer holds anything); an ended placement keeps its truncated period,
 * so history can never overlap either.
 */
export class Placement1764100004000 implements MigrationInterface {
  name = 'Placement1764100004000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create table placement (
        id uuid primary key default gen_random_uuid(),
        person_id uuid not null references person(id),
        bed_id uuid not null references bed(id),
        site_id uuid not null references site(id),
        operation_id uuid references operation(id),
        kind text not null check (kind in ('reservation','placement')),
        status text not null check (status in ('reserved','active','ended','expired','cancelled')),
        period tstzrange not null check (not isempty(period) and lower(period) is not null and not lower_inf(period)),
        expires_at timestamptz,
        group_placement_id uuid,
        expected_arrival_at timestamptz,
        arrived_at timestamptz,
        non_arrival_reason text,
        ended_at timestamptz,
        end_reason text check (end_reason in (
          'moved_on','transferred','left_support','missing_hold_expired','non_arrival','returned_home',
          'children_services','other')),
        move_on_destination text,
        nightly_cost_pence integer check (nightly_cost_pence >= 0),
        override_reason text,
        overridden_rules text[] not null default '{}',
        transferred_from_id uuid references placement(id),
        created_by uuid references app_user(id),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint placement_reservation_expires check (status <> 'reserved' or expires_at is not null),
        -- confirming a reservation turns it into a placement (kind and status change together)
        constraint placement_status_matches_kind check (
          (kind = 'reservation' and status in ('reserved','expired','cancelled'))
          or (kind = 'placement' and status in ('active','ended'))),
        constraint placement_override_has_reason check (cardinality(overridden_rules) = 0 or length(btrim(override_reason)) > 0),
        constraint placement_bed_no_overlap exclude using gist (bed_id with =, period with &&)
          where (status in ('reserved','active','ended')),
        constraint placement_person_no_overlap exclude using gist (person_id with =, period with &&)
          where (status in ('reserved','active','ended'))
      )`);
    await db.query(`create index placement_person_idx on placement (person_id, lower(period))`);
    await db.query(`create index placement_site_live_idx on placement using gist (site_id, period) where (status in ('reserved','active'))`);
    await db.query(`create index placement_operation_idx on placement (operation_id) where operation_id is not null`);
    await db.query(`create index placement_reservation_expiry_idx on placement (expires_at) where status = 'reserved'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop table if exists placement`);
  }
}
