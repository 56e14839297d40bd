import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createTestDatabase, TestDatabase } from '@safe-harbour/database';
import { Pool } from 'pg';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/app.setup';
import { AppConfig, loadConfig } from '../../apps/api/src/config/config.schema';

export const ADMIN = { email: 'admin@e2e.test', password: 'harbour lantern drifts quietly 47' };

export interface TestApp {
  app: INestApplication;
  http: TestAgent;
  /** Direct SQL on the test database, for assertions on what was (or was not) written. */
  db: Pool;
  database: TestDatabase;
  config: AppConfig;
  adminToken: string;
  close(): Promise<void>;
}

/** A server on its own fresh, fully migrated database, as one e2e file's little world. */
export async function startTestApp(
  env: Record<string, string> = {},
  options: {
    /** The app reaches its database through this port (a TcpProxy); `db` stays direct. */
    appDatabasePort?: number;
    /** Serve this database (e.g. one restored from a dump) instead of a fresh one; dropped by the caller. */
    existingDatabase?: TestDatabase;
  } = {},
): Promise<TestApp> {
  const serverUrl = process.env.SAFE_HARBOUR_TEST_SERVER_URL;
  if (!serverUrl) throw new Error('SAFE_HARBOUR_TEST_SERVER_URL is unset: run the e2e tests through jest');
  const database = options.existingDatabase ?? (await createTestDatabase(serverUrl));
  const appUrl = new URL(database.url);
  if (options.appDatabasePort) appUrl.port = String(options.appDatabasePort);
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e-secret',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    DATABASE_URL: appUrl.toString(),
    DEMO_DATA: '0',
    LOGIN_RATE_LIMIT: '1000',
    PASSWORD_HASH_PROFILE: 'fast',
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.register(config, appUrl.toString())] }).compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  configureApp(app, config);
  await app.init();
  const http = request.agent(app.getHttpServer());
  // The tests' own SQL runs as the owner (they set up triggers, read the schema); the app as the application role.
  const db = new Pool({ connectionString: database.ownerUrl, max: 3 });
  // Fault tests end every backend of the database (pg_terminate_backend, a dropped connection): an idle client
  // of this pool dies with them and the pool replaces it. Without a listener node-postgres would raise that as
  // an unhandled error in whichever test happens to be running.
  db.on('error', () => undefined);
  const login = await http.post('/api/v1/auth/login').send(ADMIN).expect(200);
  const testApp: TestApp = {
    app,
    http,
    db,
    database,
    config,
    adminToken: login.body.accessToken,
    async close() {
      await app.close();
      await testApp.db.end();
      await database.drop();
    },
  };
  return testApp;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
