import { INestApplication, RequestMethod, ValidationPipe } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { json, urlencoded } from 'express';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { noStore, refuseDeepJson, refuseNulCharacters } from './common/request-guards';
import { AppConfig } from './config/config.schema';

/** Everything about the HTTP surface that is not a module: shared by the server and the e2e tests. */
export function configureApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  app.useLogger(app.get(Logger));
  express.disable('x-powered-by');
  express.set('trust proxy', 'loopback');
  // Registered here rather than by Nest so that the depth check runs on the raw bytes before JSON.parse
  // (Nest sees these `jsonParser`/`urlencodedParser` and adds none of its own).
  app.use(json({ limit: '1mb', verify: refuseDeepJson }));
  app.use(urlencoded({ limit: '1mb', extended: false }));
  app.use(refuseNulCharacters);
  // Errors raised so far (413 from the body parser, malformed or too-deep JSON, NUL characters) come
  // before Nest's routing, so its exception filter never sees them: answer them in the same shape.
  const errors = new HttpExceptionFilter();
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => errors.send(err, req as Request & { id?: string }, res));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // No inline script anywhere: the dashboard, Swagger UI (swagger-ui-init.js) and the server-rendered
          // pages load scripts from files only.
          'script-src': ["'self'"],
          'connect-src': ["'self'", 'ws:', 'wss:'],
        },
      },
    }),
  );
  app.use('/api', noStore);
  // The dashboard is built to dist/dashboard by `npm install` (prepare) and `npm start`.
  const dashboard = resolve(process.cwd(), 'dist/dashboard');
  if (existsSync(dashboard)) express.useStaticAssets(dashboard, { index: 'index.html', maxAge: '1h' });
  if (config.CORS_ORIGIN) app.enableCors({ origin: config.CORS_ORIGIN.split(',').map((o) => o.trim()) });
  app.setGlobalPrefix('api/v1', { exclude: [{ path: 'api/health', method: RequestMethod.GET }] });
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
