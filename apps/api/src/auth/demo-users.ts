import { DEMO_ADMIN_PASSWORD } from '../config/config.schema';
import type { DemoContext, DemoStep } from '../demo/demo-loader';
import { hashPassword } from './password';
import { Role } from './roles';

/**
 * One demo user per role besides the admin, so a newcomer can sign in as each and see what that role sees.
 * All are staff of the demo council (the demo operation's host), except the operation lead (the police) and
 * the partner (an NGO on the operation's roster). They share the demo admin's password; demo data never loads
 * in production (see `loadConfig`). Runs after the demo operation, whose step creates the agencies.
 */
export const DEMO_USERS: ReadonlyArray<{ email: string; displayName: string; role: Role; organisation: string }> = [
  { email: 'planner@safe-harbour.test', displayName: 'Emergency planner (demo)', role: 'emergency_planner', organisation: 'Leeds City Council (demo)' },
  { email: 'housing@safe-harbour.test', displayName: 'Housing officer (demo)', role: 'housing_officer', organisation: 'Leeds City Council (demo)' },
  { email: 'reception@safe-harbour.test', displayName: 'Reception officer (demo)', role: 'reception_officer', organisation: 'Leeds City Council (demo)' },
  { email: 'caseworker@safe-harbour.test', displayName: 'Case worker (demo)', role: 'case_worker', organisation: 'Leeds City Council (demo)' },
  { email: 'police@safe-harbour.test', displayName: 'Operation lead (demo)', role: 'operation_lead', organisation: 'West Yorkshire Police (demo)' },
  { email: 'partner@safe-harbour.test', displayName: 'Red Cross volunteer (demo)', role: 'partner', organisation: 'British Red Cross (demo)' },
];

export const DEMO_USER_PASSWORD = DEMO_ADMIN_PASSWORD;

export const demoUsers: DemoStep = {
  name: 'users',
  async load({ manager, log }: DemoContext) {
    const emails = DEMO_USERS.map((u) => u.email);
    const [present] = await manager.query(`select count(*)::int as n from app_user where email = any($1::text[])`, [emails]);
    if (present.n === DEMO_USERS.length) return 'present';
    const passwordHash = await hashPassword(DEMO_USER_PASSWORD);
    for (const user of DEMO_USERS) {
      const [org] = await manager.query(`select id from organisation where lower(name) = lower($1)`, [user.organisation]);
      if (!org) throw new Error(`demo users: no organisation named ${user.organisation}`);
      await manager.query(
        `insert into app_user (email, password_hash, display_name, organisation_id, roles)
         values ($1, $2, $3, $4, array[$5]::text[]) on conflict (email) do nothing`,
        [user.email, passwordHash, user.displayName, org.id, user.role],
      );
    }
    log(`demo users: ${emails.join(', ')} (the demo admin's password)`);
    return 'loaded';
  },
};
