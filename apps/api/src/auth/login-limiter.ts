import { HttpStatus, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { loginBackoffMs, MAX_BACKOFF_MS } from '@safe-harbour/domain';
import { createClient } from 'redis';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/config.schema';

/** Counters with expiry: in this process, or in Redis (shared by every server) when REDIS_URL is set. */
interface CounterStore {
  /** Adds one and returns the new count; a new counter expires after `ttlMs`. */
  hit(key: string, ttlMs: number, slide?: boolean): Promise<number>;
  /** Sets a flag that expires after `ttlMs`. */
  hold(key: string, ttlMs: number): Promise<void>;
  /** Milliseconds left on a flag, or 0. */
  remaining(key: string): Promise<number>;
  clear(...keys: string[]): Promise<void>;
  close(): Promise<void>;
}

class MemoryStore implements CounterStore {
  private readonly entries = new Map<string, { count: number; expiresAt: number }>();

  private live(key: string) {
    const e = this.entries.get(key);
    if (e && e.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  async hit(key: string, ttlMs: number, slide = false): Promise<number> {
    const e = this.live(key);
    if (!e) {
      this.entries.set(key, { count: 1, expiresAt: Date.now() + ttlMs });
      if (this.entries.size > 100_000) this.sweep();
      return 1;
    }
    e.count += 1;
    if (slide) e.expiresAt = Date.now() + ttlMs;
    return e.count;
  }

  async hold(key: string, ttlMs: number): Promise<void> {
    this.entries.set(key, { count: 1, expiresAt: Date.now() + ttlMs });
  }

  async remaining(key: string): Promise<number> {
    const e = this.live(key);
    return e ? e.expiresAt - Date.now() : 0;
  }

  async clear(...keys: string[]): Promise<void> {
    for (const k of keys) this.entries.delete(k);
  }

  async close(): Promise<void> {}

  private sweep() {
    const now = Date.now();
    for (const [k, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(k);
  }
}

type RedisClient = ReturnType<typeof createClient>;

/** Redis while it is reachable; this process's own counts while it is not (a sign-in is never blocked on Redis). */
class RedisStore implements CounterStore {
  private readonly local = new MemoryStore();

  constructor(private readonly redis: RedisClient) {}

  private async use<T>(shared: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    if (!this.redis.isReady) return local();
    try {
      return await shared();
    } catch {
      return local();
    }
  }

  hit(key: string, ttlMs: number, slide = false): Promise<number> {
    return this.use(
      async () => {
        const count = Number(await this.redis.incr(key));
        if (count === 1 || slide) await this.redis.pExpire(key, ttlMs);
        return count;
      },
      () => this.local.hit(key, ttlMs, slide),
    );
  }

  hold(key: string, ttlMs: number): Promise<void> {
    return this.use(
      async () => void (await this.redis.set(key, '1', { PX: ttlMs })),
      () => this.local.hold(key, ttlMs),
    );
  }

  remaining(key: string): Promise<number> {
    return this.use(
      async () => Math.max(0, Number(await this.redis.pTTL(key))),
      () => this.local.remaining(key),
    );
  }

  clear(...keys: string[]): Promise<void> {
    return this.use(
      async () => void (keys.length && (await this.redis.del(keys))),
      () => this.local.clear(...keys),
    );
  }

  async close(): Promise<void> {
    await this.redis.close().catch(() => undefined);
  }
}

const IP_WINDOW_MS = 60_000;

/**
 * Sign-in limits (hole 5 of issue #13), for the API's login and the web sign-in alike:
 * - per client address: LOGIN_RATE_LIMIT attempts a minute. The address is the peer's, or what a
 *   configured proxy (TRUSTED_PROXIES) reports: an X-Forwarded-For from anyone else is ignored.
 * - per account: after a few consecutive failures the account waits (LOGIN_BACKOFF_SECONDS, doubling up to
 *   15 minutes); every attempt meanwhile is refused, the right password included. A success resets it.
 * Counts live in Redis when REDIS_URL is set, so every server counts together.
 */
@Injectable()
export class LoginLimiter implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(LoginLimiter.name);
  private store: CounterStore = new MemoryStore();
  private prefix = 'safe-harbour:login:';

  constructor(
    private readonly config: ConfigService<AppConfig, true>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    const url = this.config.get('REDIS_URL', { infer: true });
    if (!url) return;
    // Servers behind one database count together; other deployments on the same Redis do not.
    const [{ name }] = await this.dataSource.query(`select current_database() as name`);
    this.prefix = `safe-harbour#${name}:login:`;
    const redis: RedisClient = createClient({ url, socket: { reconnectStrategy: (retries: number) => Math.min(retries * 200, 5000) } });
    let reported = false;
    redis.on('error', (err: Error) => {
      if (!reported) this.logger.error(`Redis (login limits): ${err.message}; counting in this process until it is back`);
      reported = true;
    });
    redis.on('ready', () => (reported = false));
    this.store = new RedisStore(redis);
    // Waited for a moment only: the server starts (and counts locally) while Redis is down, and shares counts
    // once it is up.
    const connected = redis.connect().catch(() => undefined);
    await Promise.race([connected, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close().catch(() => undefined);
  }

  /** Before checking the password: 429 when the address has used its minute, or the account is waiting. */
  async before(ip: string | undefined, email: string): Promise<void> {
    const account = this.accountKey(email);
    const wait = await this.store.remaining(`${account}:wait`);
    const attempts = await this.store.hit(`${this.prefix}ip:${ip ?? 'unknown'}`, IP_WINDOW_MS);
    if (wait > 0) throw tooMany('Too many failed sign-ins for this account: wait before trying again', wait);
    if (attempts > this.config.get('LOGIN_RATE_LIMIT', { infer: true })) {
      throw tooMany('Too many sign-in attempts from this address: wait a minute', IP_WINDOW_MS);
    }
  }

  async failed(email: string): Promise<void> {
    const account = this.accountKey(email);
    const failures = await this.store.hit(`${account}:failures`, MAX_BACKOFF_MS * 2, true);
    const wait = loginBackoffMs(failures, this.config.get('LOGIN_BACKOFF_SECONDS', { infer: true }) * 1000);
    if (wait > 0) await this.store.hold(`${account}:wait`, wait);
  }

  async succeeded(email: string): Promise<void> {
    const account = this.accountKey(email);
    await this.store.clear(`${account}:failures`, `${account}:wait`);
  }

  private accountKey(email: string): string {
    return `${this.prefix}account:${email.trim().toLowerCase()}`;
  }
}

function tooMany(message: string, retryAfterMs: number): DomainError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new DomainError(HttpStatus.TOO_MANY_REQUESTS, 'TOO_MANY_REQUESTS', message, { retryAfterSeconds: seconds }, seconds);
}
