import { Logger, OnApplicationShutdown, Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createClient } from 'redis';
import { AppConfig } from '../config/config.schema';
import { LiveRepository } from './live.repository';

export const LIVE_REDIS = Symbol('LIVE_REDIS');

type RedisClient = ReturnType<typeof createClient>;

/**
 * The Redis connections behind the socket.io Redis adapter (with REDIS_URL set). The adapter makes the
 * servers one socket.io cluster (rooms, `fetchSockets`, `disconnectSockets`, server-to-server emits
 * across processes). Outbox events do not travel through it: each server's relay already reads every
 * event and emits it to its own sockets only (`local`), so nothing arrives twice.
 *
 * The channel key carries the database name: servers behind one database form one cluster, and other
 * deployments (or test databases) sharing the same Redis never hear each other.
 */
export class LiveRedis implements OnApplicationShutdown {
  constructor(
    readonly pub: RedisClient,
    readonly sub: RedisClient,
    readonly key: string,
  ) {}

  // After the socket.io server has closed (Nest disposes it before the shutdown hooks).
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.sub.close(), this.pub.close()]);
  }
}

export const liveRedisProvider: Provider = {
  provide: LIVE_REDIS,
  inject: [ConfigService, LiveRepository],
  useFactory: async (config: ConfigService<AppConfig, true>, repository: LiveRepository): Promise<LiveRedis | null> => {
    const url = config.get('REDIS_URL', { infer: true });
    if (!url) return null;
    const logger = new Logger('LiveRedis');
    const pub: RedisClient = createClient({ url });
    const sub: RedisClient = pub.duplicate();
    pub.on('error', (err: Error) => logger.error(`Redis (publish): ${err.message}`));
    sub.on('error', (err: Error) => logger.error(`Redis (subscribe): ${err.message}`));
    await Promise.all([pub.connect(), sub.connect()]);
    return new LiveRedis(pub, sub, `safe-harbour#${await repository.databaseName()}`);
  },
};
