import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { startEmbeddedPostgres, runMigrations, EmbeddedDatabase } from '@safe-harbour/database';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { ConfigError, loadConfig } from './config/config.schema';

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig(process.env);

  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    console.log(`No DATABASE_URL: starting the embedded PostgreSQL in ${config.DATA_DIR}/postgres`);
    embedded = await startEmbeddedPostgres(config.DATA_DIR);
    databaseUrl = embedded.url;
  }
  const stopDatabase = async () => {
    await embedded?.stop().catch((err) => console.error('Embedded PostgreSQL did not stop cleanly:', err));
  };

  try {
    const applied = await runMigrations(databaseUrl);
    if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
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
