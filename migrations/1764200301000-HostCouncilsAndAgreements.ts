import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The partnership behind an operation (issue #13):
 * - `operation_host_council`: the councils that plan an operation's reception centre and own its beds,
 *   besides its lead agency (usually the police force).
 * - `agreement` and `agreement_party`: recorded agreements between organisations, from when to when, with
 *   their reference. `cross_boundary`: a council may place people into another party council's beds (the
 *   scope may name sites or site types). `data_sharing`: the parties may see the named classes of data
 *   (counts, references, needs, names) of each other's operations (the scope may name one operation).
 */
export class HostCouncilsAndAgreements1764200301000 implements MigrationInterface {
  name = 'HostCouncilsAndAgreements1764200301000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create table operation_host_council (
        operation_id uuid not null references operation(id) on delete cascade,
        organisation_id uuid not null references organisation(id),
        created_at timestamptz not null default now(),
        primary key (operation_id, organisation_id)
      )`);
    await db.query(`create index operation_host_council_organisation_idx on operation_host_council (organisation_id)`);

    await db.query(`
      create table agreement (
        id uuid primary key default gen_random_uuid(),
        kind text not null check (kind in ('cross_boundary','data_sharing')),
        valid_from timestamptz not null,
        valid_until timestamptz,
        reference text not null check (length(btrim(reference)) between 1 and 200),
        scope jsonb not null default '{}'::jsonb check (jsonb_typeof(scope) = 'object'),
        created_by uuid references app_user(id),
        created_at timestamptz not null default now(),
        constraint agreement_until_after_from check (valid_until is null or valid_until > valid_from),
        constraint agreement_data_sharing_names_classes check (
          kind <> 'data_sharing' or (jsonb_typeof(scope->'classes') = 'array' and jsonb_array_length(scope->'classes') > 0))
      )`);
    await db.query(`
      create table agreement_party (
        agreement_id uuid not null references agreement(id) on delete cascade,
        organisation_id uuid not null references organisation(id),
        primary key (agreement_id, organisation_id)
      )`);
    await db.query(`create index agreement_party_organisation_idx on agreement_party (organisation_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop table if exists agreement_party`);
    await db.query(`drop table if exists agreement`);
    await db.query(`drop table if exists operation_host_council`);
  }
}
