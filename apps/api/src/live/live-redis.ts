import { Logger, OnApplicationShutdown, Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createClient } from 'redis';
import { AppConfig } from '../config/config.schema';
import { LiveRepository } from './live.repository';

export const LIVE_REDIS = Symbol('LIVE_REDIS');

type RedisClient = ReturnType<typeof createClient>;

/** Say Redis is unreachable once, then at most once a minute while it stays so. */
const REPEAT_ERROR_MS = 60_000;
const SAY_WAITING_AFTER_MS = 2000;

/**
 * The Redis connections behind the socket.io Redis adapter (with REDIS_URL set). The adapter makes the
 * servers one socket.io cluster (rooms, `fetchSockets`, `disconnectSockets`, server-to-server emits
 * across processes). Outbox events do not travel through it: each server's relay already reads every
 * event and emits it to its own sockets only (`local`), so nothing arrives twice.
 *
 * Redis being down never stops the server: it starts, logs that it is delivering to its own sockets
 * only (which is every event its clients need), and joins the cluster when Redis answers
 * (`whenConnected`). node-redis keeps reconnecting in the background.
 *
 * The channel key carries the database name: servers behind one database form one cluster, and other
 * deployments (or test databases) sharing the same Redis never hear each other.
 */
export class LiveRedis implements OnApplicationShutdown {
  private connected = false;
  private readonly waiting: Array<() => void> = [];
  private readonly logger = new Logger('LiveRedis');
  private lastErrorAt = 0;
  private closed = false;

  constructor(
    readonly pub: RedisClient,
    readonly sub: RedisClient,
    readonly key: string,
  ) {
    const onError = (which: string) => (err: Error) => {
      if (Date.now() - this.lastErrorAt < REPEAT_ERROR_MS) return;
      this.lastErrorAt = Date.now();
      this.logger.error(`Redis (${which}): ${err.message || err.name}`);
    };
    pub.on('error', onError('publish'));
    sub.on('error', onError('subscribe'));
  }

  get isConnected(): boolean {
    return this.connected;
  }

  /** Connects in the background; never throws. */
  start(): void {
    const waitingNote = setTimeout(
      () => this.logger.warn('Redis does not answer yet: live updates go to this server’s own sockets only until it does'),
      SAY_WAITING_AFTER_MS,
    );
    waitingNote.unref();
    Promise.all([this.pub.connect(), this.sub.connect()])
      .then(() => {
        clearTimeout(waitingNote);
        if (this.closed) return;
        this.connected = true;
        this.logger.log('Redis answers: joining the socket.io cluster');
        for (const run of this.waiting.splice(0)) run();
      })
      .catch((err: Error) => {
        clearTimeout(waitingNote);
        if (!this.closed) this.logger.error(`Redis connection given up: ${err.message}; live updates stay on this server`);
      });
  }

  /** Runs `join` once both connections are up (at once if they are). */
  whenConnected(join: () => void): void {
    if (this.connected) join();
    else this.waiting.push(join);
  }

  // After the socket.io server has closed (Nest disposes it before the shutdown hooks).
  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    const close = (client: RedisClient) => (client.isOpen ? client.close() : client.destroy());
    await Promise.allSettled([close(this.sub), close(this.pub)]);
  }
}

export const liveRedisProvider: Provider = {
  provide: LIVE_REDIS,
  inject: [ConfigService, LiveRepository],
  useFactory: async (config: ConfigService<AppConfig, true>, repository: LiveRepository): Promise<LiveRedis | null> => {
    const url = config.get('REDIS_URL', { infer: true });
    if (!url) return null;
    const pub: RedisClient = createClient({ url });
    const sub: RedisClient = pub.duplicate();
    const redis = new LiveRedis(pub, sub, `safe-harbour#${await repository.databaseName()}`);
    redis.start();
    return redis;
  },
};
