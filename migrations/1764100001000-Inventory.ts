import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The accommodation inventory: sites (places of safety, hostels, B&Bs, void council stock...), their rooms
 * and beds, every bed status change, and the readiness checklist that brings a void property into use.
 *
 * Invariants live here so that every writer (the inventory API, CSV import, demo loader, and the placement
 * feature that sets `reserved`/`occupied`) is held to them:
 * - enums are CHECK constraints; a site is never both a dormitory and self-contained; a location is both
 *   coordinates or neither; an availability window ends after it starts;
 * - a bed's room belongs to the same site (composite FK) and is a bedroom or dormitory (trigger);
 * - `out_of_service_reason` is present exactly when a bed is out of service;
 * - every bed status change is written to `bed_status_event` by trigger, whoever made it. Writers name the
 *   actor and a reason with `set_config('safe_harbour.actor_user_id', <uuid>, true)` and
 *   `set_config('safe_harbour.status_reason', <text>, true)` in the same transaction (optional);
 * - readiness is derived: a void property is `ready` only once all four checklist items are done; other
 *   sites are always `ready` (their availability window says when they can be used).
 */
export class Inventory1764100001000 implements MigrationInterface {
  name = 'Inventory1764100001000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create table site (
        id uuid primary key default gen_random_uuid(),
        organisation_id uuid not null references organisation(id),
        name text not null check (length(btrim(name)) between 1 and 200),
        type text not null check (type in (
          'place_of_safety','hostel','bed_and_breakfast','void_property','self_contained_flat',
          'safe_house','respite_centre','refuge','reception_centre','foster_placement')),
        local_authority_code text not null check (local_authority_code ~ '^[A-Z][0-9]{8}$'),
        address text not null check (length(btrim(address)) between 1 and 500),
        latitude double precision check (latitude between -90 and 90),
        longitude double precision check (longitude between -180 and 180),
        available_from timestamptz,
        available_until timestamptz,
        single_sex text check (single_sex in ('female','male')),
        accepts_children boolean not null default false,
        accepts_families boolean not null default false,
        wheelchair_accessible boolean not null default false,
        self_contained boolean not null default false,
        dormitory boolean not null default false,
        staffed_hours text not null default 'none' check (staffed_hours in ('24h','office','on_call','none')),
        trauma_informed boolean not null default false,
        accepts_no_recourse_to_public_funds boolean not null default false,
        languages text[] not null default '{}' check (cardinality(languages) <= 50),
        readiness text not null default 'ready' check (readiness in ('ready','not_ready')),
        nightly_cost_pence integer check (nightly_cost_pence >= 0),
        is_demo boolean not null default false,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint site_location_both_or_neither check ((latitude is null) = (longitude is null)),
        constraint site_window_ends_after_start check (available_until > available_from),
        constraint site_not_dormitory_and_self_contained check (not (dormitory and self_contained))
      )`);
    // The CSV natural key: re-importing a spreadsheet finds the same site by organisation + name.
    await db.query(`create unique index site_organisation_name_key on site (organisation_id, lower(name))`);
    // "Sites of type T in area X" is the first cut of every search and of bed-options.
    await db.query(`create index site_area_type_idx on site (local_authority_code, type)`);
    await db.query(`create index site_type_idx on site (type)`);

    await db.query(`
      create table room (
        id uuid primary key default gen_random_uuid(),
        site_id uuid not null references site(id),
        name text not null check (length(btrim(name)) between 1 and 200),
        kind text not null check (kind in ('bedroom','dormitory','interview','abe_suite','communal','staff','welfare')),
        created_at timestamptz not null default now(),
        -- target of bed's composite FK: a bed's room must belong to the bed's own site
        constraint room_id_site_key unique (id, site_id)
      )`);
    await db.query(`create unique index room_site_name_key on room (site_id, lower(name))`);

    await db.query(`
      create table bed (
        id uuid primary key default gen_random_uuid(),
        site_id uuid not null references site(id),
        room_id uuid,
        label text not null check (length(btrim(label)) between 1 and 100),
        status text not null default 'available'
          check (status in ('available','reserved','occupied','out_of_service','closed')),
        out_of_service_reason text check (out_of_service_reason in ('cleaning','repair','damaged','other')),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint bed_room_same_site_fkey foreign key (room_id, site_id) references room (id, site_id),
        constraint bed_reason_iff_out_of_service check ((status = 'out_of_service') = (out_of_service_reason is not null))
      )`);
    await db.query(`create unique index bed_site_label_key on bed (site_id, lower(label))`);
    // Keeps "sites with an available bed" an index probe per site at 50,000 beds.
    await db.query(`create index bed_available_site_idx on bed (site_id) where status = 'available'`);
    await db.query(`create index bed_site_status_idx on bed (site_id, status)`);
    await db.query(`create index bed_room_idx on bed (room_id) where room_id is not null`);

    // No beds in an interview room, a communal area or a staff room.
    await db.query(`
      create function bed_room_holds_beds() returns trigger language plpgsql as $$
      declare room_kind text;
      begin
        if new.room_id is null then return new; end if;
        select kind into room_kind from room where id = new.room_id;
        if room_kind is not null and room_kind not in ('bedroom','dormitory') then
          raise exception 'a % room cannot hold beds', room_kind
            using errcode = '23514', constraint = 'bed_room_holds_beds';
        end if;
        return new;
      end $$`);
    await db.query(`
      create trigger bed_room_holds_beds before insert or update of room_id on bed
      for each row execute function bed_room_holds_beds()`);
    await db.query(`
      create function room_kind_keeps_beds() returns trigger language plpgsql as $$
      begin
        if new.kind not in ('bedroom','dormitory') and exists (select 1 from bed where room_id = new.id) then
          raise exception 'room % holds beds: it must stay a bedroom or dormitory', new.id
            using errcode = '23514', constraint = 'bed_room_holds_beds';
        end if;
        return new;
      end $$`);
    await db.query(`
      create trigger room_kind_keeps_beds before update of kind on room
      for each row execute function room_kind_keeps_beds()`);

    await db.query(`
      create table bed_status_event (
        id bigserial primary key,
        bed_id uuid not null references bed(id),
        from_status text,
        to_status text not null,
        reason text,
        actor_user_id uuid references app_user(id),
        at timestamptz not null default now()
      )`);
    await db.query(`create index bed_status_event_bed_idx on bed_status_event (bed_id, id)`);

    // History by trigger, so no writer (placement included) can change a bed without leaving a trace.
    await db.query(`
      create function bed_status_history() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' and new.status is not distinct from old.status
           and new.out_of_service_reason is not distinct from old.out_of_service_reason then
          return null;
        end if;
        insert into bed_status_event (bed_id, from_status, to_status, reason, actor_user_id)
        values (
          new.id,
          case when tg_op = 'UPDATE' then old.status end,
          new.status,
          coalesce(new.out_of_service_reason, nullif(current_setting('safe_harbour.status_reason', true), '')),
          nullif(current_setting('safe_harbour.actor_user_id', true), '')::uuid
        );
        return null;
      end $$`);
    await db.query(`
      create trigger bed_status_history after insert or update of status, out_of_service_reason on bed
      for each row execute function bed_status_history()`);

    // Void council stock: usable only once the utilities are on, it is furnished, safety-checked and keys held.
    await db.query(`
      create table void_readiness_item (
        site_id uuid not null references site(id),
        item text not null check (item in ('utilities_on','furnished','safety_checked','keys_held')),
        completed_at timestamptz,
        completed_by uuid references app_user(id),
        note text check (length(note) <= 1000),
        primary key (site_id, item),
        constraint void_readiness_item_by_needs_at check (completed_by is null or completed_at is not null)
      )`);

    await db.query(`
      create function site_void_readiness(p_site_id uuid) returns text language sql stable as $$
        select case when count(*) filter (where completed_at is not null) = 4 then 'ready' else 'not_ready' end
        from void_readiness_item where site_id = p_site_id
      $$`);
    // Readiness is never set by hand: a void property follows its checklist (so it is added as not_ready,
    // its checklist starting empty); every other site is ready, its availability window saying when.
    await db.query(`
      create function site_derive_readiness() returns trigger language plpgsql as $$
      begin
        new.readiness := case when new.type = 'void_property' then site_void_readiness(new.id) else 'ready' end;
        return new;
      end $$`);
    await db.query(`
      create trigger site_derive_readiness before insert or update of type, readiness on site
      for each row execute function site_derive_readiness()`);
    await db.query(`
      create function site_void_checklist() returns trigger language plpgsql as $$
      begin
        if new.type = 'void_property' then
          insert into void_readiness_item (site_id, item)
          select new.id, i from unnest(array['utilities_on','furnished','safety_checked','keys_held']) as i
          on conflict do nothing;
        end if;
        return null;
      end $$`);
    await db.query(`
      create trigger site_void_checklist after insert or update of type on site
      for each row execute function site_void_checklist()`);
    await db.query(`
      create function void_readiness_item_changed() returns trigger language plpgsql as $$
      declare sid uuid := coalesce(new.site_id, old.site_id);
      begin
        update site set readiness = site_void_readiness(sid), updated_at = now()
        where id = sid and type = 'void_property' and readiness <> site_void_readiness(sid);
        return null;
      end $$`);
    await db.query(`
      create trigger void_readiness_item_changed after insert or update or delete on void_readiness_item
      for each row execute function void_readiness_item_changed()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop table if exists void_readiness_item`);
    await db.query(`drop function if exists void_readiness_item_changed()`);
    await db.query(`drop table if exists bed_status_event`);
    await db.query(`drop table if exists bed`);
    await db.query(`drop function if exists bed_status_history()`);
    await db.query(`drop function if exists bed_room_holds_beds()`);
    await db.query(`drop table if exists room`);
    await db.query(`drop function if exists room_kind_keeps_beds()`);
    await db.query(`drop table if exists site`);
    await db.query(`drop function if exists site_void_checklist()`);
    await db.query(`drop function if exists site_derive_readiness()`);
    await db.query(`drop function if exists site_void_readiness(uuid)`);
  }
}
