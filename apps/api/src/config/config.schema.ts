import { DEADLINE_POLICIES, DEFAULT_DEADLINE_POLICY, parseRetentionPeriod } from '@safe-harbour/domain';
import { validateCronExpression } from 'cron';
import Joi from 'joi';
import { checkPassword } from '../auth/password-policy';

export interface AppConfig {
  NODE_ENV: 'development' | 'production' | 'test';
  PORT: number;
  HOST: string;
  DATABASE_URL?: string;
  /** The owner role's URL: migrations run as it; DATABASE_URL is then the application role (docs/configuration.md). */
  MIGRATION_DATABASE_URL?: string;
  DATA_DIR: string;
  JWT_SECRET?: string;
  ACCESS_TOKEN_TTL_SECONDS: number;
  ADMIN_EMAIL: string;
  ADMIN_PASSWORD: string;
  CORS_ORIGIN?: string;
  REDIS_URL?: string;
  LOG_LEVEL: string;
  LOGIN_RATE_LIMIT: number;
  /** First wait of the per-account backoff after repeated failed sign-ins; it doubles up to 15 minutes. */
  LOGIN_BACKOFF_SECONDS: number;
  /** Proxies whose X-Forwarded-For is believed (express `trust proxy` list); none by default. */
  TRUSTED_PROXIES?: string;
  DEMO_DATA: boolean;
  REPORT_SUPPRESSION_THRESHOLD: number;
  /** Which national deadline policy the pathway uses (see README, Pathway and deadlines). */
  DEADLINE_POLICY: string;
  /**
   * A bank-holiday file in the gov.uk feed format to use instead of the shipped data (e.g. a refreshed
   * download, before `npm run bank-holidays:update` reaches a release). Validated at start.
   */
  BANK_HOLIDAYS_FILE?: string;
  /** Fewest ended stage spells for the forecast to plan with their measured median (see docs/reporting.md). */
  FORECAST_MIN_MEASURED_SPELLS: number;
  /** Days per stage when too few spells are measured, as `stage=days,...` (default `recovery_period=339`). */
  FORECAST_FALLBACK_DAYS: string;
  /** How often the deadline watcher runs; 0 turns the timer off (tests call `tick()` themselves). */
  DEADLINE_WATCH_INTERVAL_SECONDS: number;
  LIVE_POLL_INTERVAL_MS: number;
  LIVE_RESUME_WINDOW_SECONDS: number;
  LIVE_OUTBOX_RETENTION_DAYS: number;
  /** Swagger UI at /api/docs and the document at /api/docs-json; off in production unless API_DOCS=on. */
  API_DOCS: boolean;
  /** Connections in the pool, and how many of them transactions may never take (health and reads keep them). */
  DB_POOL_SIZE: number;
  DB_POOL_RESERVE: number;
  /** How long a transaction waits in this process for one of the (pool - reserve) slots before a 503. */
  DB_TRANSACTION_QUEUE_TIMEOUT_MS: number;
  /** PostgreSQL `lock_timeout`, `statement_timeout` and `idle_in_transaction_session_timeout` of our sessions. */
  DB_LOCK_TIMEOUT_MS: number;
  DB_STATEMENT_TIMEOUT_MS: number;
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: number;
  /** How long the live relay waits for an outbox writer before ending it, if it sits idle in its transaction. */
  LIVE_WRITER_MAX_WAIT_MS: number;
  /** An Idempotency-Key claim older than this, with no response, belonged to a request that died: it may be taken over. */
  IDEMPOTENCY_CLAIM_TIMEOUT_SECONDS: number;
  /** How long a stored response is replayed for its key; older records are deleted. */
  IDEMPOTENCY_RETENTION_HOURS: number;
  /** How often reservations past their hold are lapsed, and the outbox pruned; 0 turns a job's timer off. */
  RESERVATION_EXPIRY_INTERVAL_SECONDS: number;
  OUTBOX_PRUNE_INTERVAL_SECONDS: number;
  /** `fast` only for test runs (see auth/password.ts); refused in production. */
  PASSWORD_HASH_PROFILE: 'standard' | 'fast';
  /** How long a password reset code can be redeemed. */
  PASSWORD_RESET_TTL_MINUTES: number;
  /** Retention schedule, one ISO 8601 period per record class (docs/data-protection.md). */
  RETENTION_PERSONAL_DATA: string;
  RETENTION_IDEMPOTENCY_RECORDS: string;
  /** When the daily retention run starts (cron, server time), or `off` (tests and admins start runs themselves). */
  RETENTION_CRON: string;
}

// The demo admin: printed in the README, refused outright in production (see the `when` below).
export const DEMO_ADMIN_EMAIL = 'admin@safe-harbour.test';
export const DEMO_ADMIN_PASSWORD = 'change-me-on-first-login';

export const configSchema = Joi.object<AppConfig>({
  NODE_ENV: Joi.string().valid('development', 'production', 'test').default('development'),
  PORT: Joi.number().port().default(3000),
  HOST: Joi.string().hostname().default('127.0.0.1'),
  DATABASE_URL: Joi.string().uri({ scheme: ['postgres', 'postgresql'] }),
  MIGRATION_DATABASE_URL: Joi.string().uri({ scheme: ['postgres', 'postgresql'] }),
  DATA_DIR: Joi.string().default('.data'),
  JWT_SECRET: Joi.string().min(32).when('NODE_ENV', { is: 'production', then: Joi.required() }),
  ACCESS_TOKEN_TTL_SECONDS: Joi.number().integer().min(60).max(24 * 3600).default(3600),
  ADMIN_EMAIL: Joi.string().email({ tlds: false }).lowercase().when('NODE_ENV', {
    is: 'production',
    then: Joi.required(),
    otherwise: Joi.optional().default(DEMO_ADMIN_EMAIL),
  }),
  ADMIN_PASSWORD: Joi.string().min(12).when('NODE_ENV', {
    is: 'production',
    then: Joi.required().invalid(DEMO_ADMIN_PASSWORD),
    otherwise: Joi.optional().default(DEMO_ADMIN_PASSWORD),
  }),
  CORS_ORIGIN: Joi.string(),
  REDIS_URL: Joi.string().uri({ scheme: ['redis', 'rediss'] }),
  LOG_LEVEL: Joi.string().valid('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent').default('info'),
  LOGIN_RATE_LIMIT: Joi.number().integer().min(1).max(10000).default(10),
  LOGIN_BACKOFF_SECONDS: Joi.number().integer().min(1).max(900).default(30),
  // Comma-separated addresses, CIDRs or express names (loopback, linklocal, uniquelocal).
  TRUSTED_PROXIES: Joi.string().pattern(/^[\w.:/, -]+$/),
  DEMO_DATA: Joi.boolean().truthy('1').falsy('0'),
  // Aggregate exports show counts from 1 to threshold-1 as `<threshold` (5: the usual "1 to 4 shown as <5").
  REPORT_SUPPRESSION_THRESHOLD: Joi.number().integer().min(2).max(100).default(5),
  DEADLINE_POLICY: Joi.string()
    .valid(...Object.keys(DEADLINE_POLICIES))
    .default(DEFAULT_DEADLINE_POLICY),
  BANK_HOLIDAYS_FILE: Joi.string(),
  FORECAST_MIN_MEASURED_SPELLS: Joi.number().integer().min(1).max(10000).default(5),
  FORECAST_FALLBACK_DAYS: Joi.string()
    .pattern(/^(?:(?:encountered|pre_nrm|awaiting_rg|recovery_period|move_on|duty_to_notify|missing)=\d{1,4})(?:,(?:encountered|pre_nrm|awaiting_rg|recovery_period|move_on|duty_to_notify|missing)=\d{1,4})*$/)
    .message('FORECAST_FALLBACK_DAYS must be stage=days pairs separated by commas, e.g. recovery_period=339,move_on=45')
    .default('recovery_period=339'),
  DEADLINE_WATCH_INTERVAL_SECONDS: Joi.number().integer().min(0).max(3600).default(30),
  // Live updates: the relay's safety-net poll (NOTIFY normally wakes it at once), how far back a
  // reconnecting client may `resume` before it is told to `resync`, and how long the outbox keeps events.
  LIVE_POLL_INTERVAL_MS: Joi.number().integer().min(50).max(60_000).default(1000),
  LIVE_RESUME_WINDOW_SECONDS: Joi.number().integer().min(1).max(30 * 24 * 3600).default(24 * 3600),
  LIVE_OUTBOX_RETENTION_DAYS: Joi.number().integer().min(1).max(3650).default(7),
  API_DOCS: Joi.boolean().truthy('on', '1').falsy('off', '0'),
  // Under a held lock, requests queue: bounded waits keep the pool (and health) answering. See
  // docs/operations-runbook.md, "Timeouts and the connection pool".
  DB_POOL_SIZE: Joi.number().integer().min(2).max(500).default(20),
  DB_POOL_RESERVE: Joi.number().integer().min(1).max(Joi.ref('DB_POOL_SIZE', { adjust: (size: number) => size - 1 })).default(4)
    .messages({ 'number.max': '"DB_POOL_RESERVE" must leave at least one connection of DB_POOL_SIZE for transactions' }),
  DB_TRANSACTION_QUEUE_TIMEOUT_MS: Joi.number().integer().min(0).max(60_000).default(5000),
  DB_LOCK_TIMEOUT_MS: Joi.number().integer().min(10).max(Joi.ref('DB_STATEMENT_TIMEOUT_MS')).default(3000)
    .messages({ 'number.max': '"DB_LOCK_TIMEOUT_MS" must not be longer than DB_STATEMENT_TIMEOUT_MS' }),
  DB_STATEMENT_TIMEOUT_MS: Joi.number().integer().min(100).max(600_000).default(30_000),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: Joi.number().integer().min(100).max(600_000).default(10_000),
  LIVE_WRITER_MAX_WAIT_MS: Joi.number().integer().min(100).max(600_000).default(10_000),
  IDEMPOTENCY_CLAIM_TIMEOUT_SECONDS: Joi.number().integer().min(1).max(3600).default(120),
  IDEMPOTENCY_RETENTION_HOURS: Joi.number().integer().min(1).max(24 * 90).default(48),
  RESERVATION_EXPIRY_INTERVAL_SECONDS: Joi.number().integer().min(0).max(3600).default(30),
  OUTBOX_PRUNE_INTERVAL_SECONDS: Joi.number().integer().min(0).max(7 * 24 * 3600).default(3600),
  PASSWORD_HASH_PROFILE: Joi.string()
    .valid('standard', 'fast')
    .default('standard')
    .when('NODE_ENV', { is: 'production', then: Joi.invalid('fast') }),
  PASSWORD_RESET_TTL_MINUTES: Joi.number().integer().min(5).max(7 * 24 * 60).default(24 * 60),
  // Six years after exit: the period councils commonly keep adult social care and safeguarding case records
  // for; a deployment sets its own from its retention schedule. Stored responses: a week covers any retry.
  RETENTION_PERSONAL_DATA: retentionPeriod().default('P6Y'),
  RETENTION_IDEMPOTENCY_RECORDS: retentionPeriod().default('P7D'),
  RETENTION_CRON: Joi.string()
    .custom((value: string, helpers) =>
      value === 'off' || validateCronExpression(value).valid
        ? value
        : helpers.message({ custom: `{{#label}} must be a cron expression such as "0 3 * * *", or off (got "${value}")` }),
    )
    .default('0 3 * * *'),
});

function retentionPeriod() {
  return Joi.string().custom((value: string, helpers) =>
    parseRetentionPeriod(value) ? value : helpers.message({ custom: `{{#label}} must be a period such as P6Y, P18M or P7D (got "${value}")` }),
  );
}

export class ConfigError extends Error {}

/**
 * Validate the environment once, at start. A bad value stops the server with one line naming it.
 * Only the variables we know are read; the rest of the environment is ignored.
 */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const known = Object.keys(configSchema.describe().keys);
  const input = Object.fromEntries(
    known.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]),
  );
  const { value, error } = configSchema.validate(input, { abortEarly: true, convert: true });
  if (error) throw new ConfigError(`Configuration error: ${error.details[0].message}`);
  // The first admin's password is a password set like any other: in production it must pass the policy.
  if (value.NODE_ENV === 'production') {
    const check = checkPassword(value.ADMIN_PASSWORD, [value.ADMIN_EMAIL]);
    if (!check.ok) throw new ConfigError(`Configuration error: ADMIN_PASSWORD is refused by the password policy: ${check.reasons[0]}`);
  }
  // Demo data goes with the embedded database only, unless someone asks for it explicitly.
  if (value.DEMO_DATA === undefined) value.DEMO_DATA = !value.DATABASE_URL && value.NODE_ENV !== 'production';
  if (value.NODE_ENV === 'production') value.DEMO_DATA = false;
  if (value.API_DOCS === undefined) value.API_DOCS = value.NODE_ENV !== 'production';
  return value;
}
