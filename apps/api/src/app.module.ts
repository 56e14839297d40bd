import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { createSecretKey } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';
import { AccessModule } from './access/access.module';
import { AgreementsModule } from './agreements/agreements.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { requestId } from './common/request-guards';
import { IdempotencyRetention } from './common/idempotency.interceptor';
import { AppConfig } from './config/config.schema';
import { DatabaseModule } from './database/database.module';
import { HealthController } from './health/health.controller';
import { LiveModule } from './live/live.module';
import { AuthGuard } from './auth/auth.guard';
import { resolveJwtSecret } from './auth/jwt-secret';
import { PlacementsModule } from './placements/placements.module';
import { SitesModule } from './sites/sites.module';
import { OperationsModule } from './operations/operations.module';
import { PeopleModule } from './people/people.module';
import { ReportsModule } from './reports/reports.module';
import { DemoModule } from './demo/demo.module';
import { PathwayModule } from './pathway/pathway.module';
import { usePasswordHashProfile } from './auth/password';
import { WebModule } from './web/web.module';
import { JobSchedulerModule } from './common/job-scheduler';

@Module({})
export class AppModule {
  /** `config` is already validated (see loadConfig); `databaseUrl` is external or the embedded server's. */
  static register(config: AppConfig, databaseUrl: string): DynamicModule {
    // Without a configured secret (development only: production requires one) the secret is generated once
    // and kept in the data directory, so a restart of `npm start` does not sign everyone out.
    const jwtSecret = resolveJwtSecret(config.JWT_SECRET, config.DATA_DIR);
    usePasswordHashProfile(config.PASSWORD_HASH_PROFILE);
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => config] }),
        JobSchedulerModule,
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.LOG_LEVEL,
            genReqId: requestId,
            customProps: (req) => {
              const clientRequestId = (req as { clientRequestId?: string }).clientRequestId;
              return clientRequestId ? { clientRequestId } : {};
            },
            // The query string may carry personal data (a name searched for): log the path only.
            serializers: {
              req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, path: String(req.url).split('?')[0] }),
            },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            autoLogging: { ignore: (req) => req.url === '/api/health' },
          },
        }),
        DatabaseModule.forUrl(databaseUrl, config),
        JwtModule.register({
          global: true,
          // A KeyObject rather than the string: given a string, jsonwebtoken first tries (and fails) to read it
          // as a PEM public key on every verify, ~6% of a request's CPU (bench/README.md). Same key bytes.
          secret: createSecretKey(Buffer.from(jwtSecret, 'utf8')) as unknown as string,
          signOptions: { expiresIn: config.ACCESS_TOKEN_TTL_SECONDS, algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
        ThrottlerModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (c: ConfigService<AppConfig, true>) => ({
            throttlers: [{ name: 'login', ttl: 60_000, limit: c.get('LOGIN_RATE_LIMIT', { infer: true }) }],
          }),
        }),
        AuditModule,
        AccessModule,
        AuthModule,
        AgreementsModule,
        PlacementsModule,
        SitesModule,
        OperationsModule,
        PeopleModule,
        ReportsModule,
        DemoModule,
        PathwayModule,
        LiveModule,
        WebModule.register(jwtSecret),
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
        IdempotencyRetention,
      ],
    };
  }
}
