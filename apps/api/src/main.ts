import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import {
  APPLICATION_ROLE,
  EmbeddedDatabase,
  grantApplicationRole,
  ownsAuditTable,
  runMigrations,
  startEmbeddedPostgres,
  urlAs,
} from '@safe-harbour/database';
import { randomBytes } from 'node:crypto';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { ConfigError, loadConfig } from './config/config.schema';

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig(process.env);

  let embedded: EmbeddedDatabase | undefined;
  // Two roles: migrations as the owner, the application as a role that owns nothing (docs/configuration.md).
  let databaseUrl = config.DATABASE_URL;
  let ownerUrl = config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL;
  let appPassword: string | undefined;
  if (!databaseUrl) {
    console.log(`No DATABASE_URL: starting the embedded PostgreSQL in ${config.DATA_DIR}/postgres`);
    embedded = await startEmbeddedPostgres(config.DATA_DIR);
    ownerUrl = embedded.url;
    // A fresh password each start: only this process ever connects as the application role.
    appPassword = randomBytes(18).toString('base64url');
    databaseUrl = urlAs(embedded.url, APPLICATION_ROLE, appPassword);
  }
  const stopDatabase = async () => {
    await embedded?.stop().catch((err) => console.error('Embedded PostgreSQL did not stop cleanly:', err));
  };

  try {
    const applied = await runMigrations(ownerUrl!);
    if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
    if (embedded) {
      await grantApplicationRole(ownerUrl!, { create: true, password: appPassword });
    } else if (config.MIGRATION_DATABASE_URL) {
      await grantApplicationRole(ownerUrl!, { role: decodeURIComponent(new URL(databaseUrl).username) });
    }
    if (await ownsAuditTable(databaseUrl)) {
      console.warn(
        'Warning: the application connects as the owner of audit_event (or a superuser), so it could alter the audit trail. ' +
          'Set MIGRATION_DATABASE_URL to the owner role and DATABASE_URL to an application role (docs/configuration.md, Database roles).',
      );
    }
    const app = await NestFactory.create(AppModule.register(config, databaseUrl), { bufferLogs: true });
    configureApp(app, config);
    // Nest closes the app (and its pool) on SIGINT/SIGTERM; the embedded server is stopped after that.
    app.enableShutdownHooks(['SIGINT', 'SIGTERM']);
    const close = app.close.bind(app);
    app.close = async () => {
      await close();
      await stopDatabase();
    };
    await app.listen(config.PORT, config.HOST);
    console.log(`Safe Harbour is listening on http://${config.HOST}:${config.PORT} (ready in ${Date.now() - started} ms)`);
  } catch (err) {
    await stopDatabase();
    throw err;
  }
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error('Safe Harbour failed to start:', err);
  }
  process.exit(1);
});
