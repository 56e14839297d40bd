import { INestApplication, RequestMethod, ValidationPipe } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { json, urlencoded } from 'express';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { noStore, refuseDeepJson, refuseNulCharacters } from './common/request-guards';
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
  configureWebRequests(app);
  // Registered here rather than by Nest so that the depth check runs on the raw bytes before JSON.parse
  // (Nest sees these `jsonParser`/`urlencodedParser` and adds none of its own).
  app.use(json({ limit: '1mb', verify: refuseDeepJson }));
  app.use(urlencoded({ limit: '1mb', extended: false }));
  app.use(refuseNulCharacters);
  // Errors raised so far (413 from the body parser, malformed or too-deep JSON, NUL characters) come
  // before Nest's routing, so its exception filter never sees them: answer them in the same shape.
  const errors = new HttpExceptionFilter();
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => errors.send(err, req as never, res as never));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Never 'unsafe-inline': scripts come from files (the dashboard, Swagger UI's swagger-ui-init.js,
          // the pages' own), and GOV.UK Frontend's one inline script on a page carries that page's nonce.
          'script-src': [
            "'self'",
            (_req, res) => {
              const nonce = (res as { locals?: { cspNonce?: string } }).locals?.cspNonce;
              return nonce ? `'nonce-${nonce}'` : '';
            },
          ],
          'connect-src': ["'self'", 'ws:', 'wss:'],
        },
      },
    }),
  );
  app.use('/api', noStore);
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

  // Off in production unless API_DOCS=on: the document maps every route an attacker could try.
  if (!config.API_DOCS) return;
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
