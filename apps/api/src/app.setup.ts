import { INestApplication, RequestMethod, ValidationPipe } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig } from './config/config.schema';
import { WEB_PREFIX } from './web/web-keys';
import { configureWebPages, configureWebRequests } from './web/web-setup';

/** Everything about the HTTP surface that is not a module: shared by the server and the e2e tests. */
export function configureApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  app.useLogger(app.get(Logger));
  express.disable('x-powered-by');
  // X-Forwarded-For is believed only from the configured proxies (else anyone could pick their address and
  // walk around the sign-in limits); without TRUSTED_PROXIES the peer's own address counts.
  express.set('trust proxy', config.TRUSTED_PROXIES ? config.TRUSTED_PROXIES.split(',').map((p) => p.trim()).filter(Boolean) : false);
  express.useBodyParser('json', { limit: '1mb' });
  express.useBodyParser('urlencoded', { limit: '1mb', extended: false });
  configureWebRequests(app);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Web pages: GOV.UK Frontend's one inline script carries the page's nonce. Swagger UI inlines its
          // start-up script (a nonce would switch 'unsafe-inline' off, so it is given only to pages).
          'script-src': [
            "'self'",
            (_req, res) => {
              const nonce = (res as { locals?: { cspNonce?: string } }).locals?.cspNonce;
              return nonce ? `'nonce-${nonce}'` : "'unsafe-inline'";
            },
          ],
          'connect-src': ["'self'", 'ws:', 'wss:'],
        },
      },
    }),
  );
  configureWebPages(app, config);
  if (config.CORS_ORIGIN) app.enableCors({ origin: config.CORS_ORIGIN.split(',').map((o) => o.trim()) });
  app.setGlobalPrefix('api/v1', {
    exclude: [
      { path: 'api/health', method: RequestMethod.GET },
      // Web pages (see web/web-routing.ts): public URLs without the API prefix.
      { path: WEB_PREFIX, method: RequestMethod.ALL },
      { path: `${WEB_PREFIX}/{*path}`, method: RequestMethod.ALL },
    ],
  });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
      validationError: { target: false, value: false },
    }),
  );
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Safe Harbour API')
      .setDescription('Reception centres, safe beds and the NRM pathway for modern-slavery operations')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });
}
