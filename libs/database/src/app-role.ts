import { Client } from 'pg';

/**
 * Two database roles (docs/configuration.md, "Database roles"): migrations run as the owner of the schema;
 * the application connects as a role that owns nothing, may read and write the feature tables, and may
 * only insert into and select from `audit_event`. Not being the owner, it can neither disable nor drop the
 * append-only trigger, nor alter or drop the table.
 */
export const APPLICATION_ROLE = 'safe_harbour_app';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** The same server and database as `url`, as another role. */
export function urlAs(url: string, role: string, password?: string): string {
  const u = new URL(url);
  u.username = role;
  u.password = password ?? '';
  return u.toString();
}

export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

/**
 * Grants the application role what it needs on the owner's database, idempotently (run after every
 * migration run: new tables get their grants). With `create`, makes the role first if it is missing (the
 * owner then needs CREATEROLE; the embedded server and the test harness are superusers).
 */
export async function grantApplicationRole(
  ownerUrl: string,
  options: { role?: string; password?: string; create?: boolean } = {},
): Promise<void> {
  const role = options.role ?? APPLICATION_ROLE;
  if (!IDENTIFIER.test(role)) throw new Error(`Not a plain role name: ${role}`);
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    if (options.create) {
      // Roles are cluster-wide: two processes may race to create it; the loser just carries on.
      await client.query(`
        do $$ begin
          if not exists (select 1 from pg_roles where rolname = '${role}') then
            create role ${role} login nosuperuser nocreatedb nocreaterole noinherit;
          end if;
        exception when duplicate_object or unique_violation then null;
        end $$`);
      if (options.password !== undefined) {
        await client.query(`alter role ${role} password ${client.escapeLiteral(options.password)}`);
      }
    }
    const [{ owner }] = (await client.query(`select current_user = $1 as owner`, [role])).rows;
    if (owner) throw new Error(`The application role ${role} is the migration (owner) role: use two roles`);
    await client.query(`grant connect on database ${client.escapeIdentifier((await client.query('select current_database() as d')).rows[0].d)} to ${role}`);
    await client.query(`revoke create on schema public from public`);
    await client.query(`grant usage on schema public to ${role}`);
    await client.query(`grant select, insert, update, delete on all tables in schema public to ${role}`);
    await client.query(`revoke update, delete, truncate, references, trigger on audit_event from ${role}`);
    await client.query(`grant usage, select on all sequences in schema public to ${role}`);
  } finally {
    await client.end();
  }
}

/** Whether the role `url` connects as owns `audit_event` (then it could alter the audit trail). */
export async function ownsAuditTable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select exists (select 1 from pg_tables where schemaname = 'public' and tablename = 'audit_event' and tableowner = current_user)
              or (select rolsuper from pg_roles where rolname = current_user) as owns`,
    );
    return rows[0].owns === true;
  } finally {
    await client.end();
  }
}
