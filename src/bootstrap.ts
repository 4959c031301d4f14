import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import compression from 'compression';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { OPERATIONS_PATH } from './cluster/writer-link';
import { clientAsTheReaderSawIt, WriterOperations } from './cluster/writer-operations';
import { writerProxy } from './cluster/writer-proxy';
import { answerClientErrors } from './common/http/client-error';
import { RejectControlCharactersPipe } from './common/http/control-characters';
import { jsonNestingExceeds } from './common/http/json-depth';
import { assignRequestId } from './common/http/request-id';
import { createValidationPipe } from './common/http/validation';
import { QuietBootLogger } from './common/logging/quiet-boot-logger';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { mountBullBoard } from './jobs/bull-board';
import { AuthService } from './modules/auth/auth.service';
import { openApiDocument } from './openapi';
import { serveConsole } from './web/console-static';

const GLOBAL_PREFIX = 'api/v1';

export async function createApp(): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true });
  app.useLogger(new QuietBootLogger(app.get(Logger)));
  return configureApp(app);
}

/** Everything about the HTTP app beyond its modules; e2e tests apply the same to their test module. */
export function configureApp(app: INestApplication): INestApplication {
  const config = app.get<AppConfig>(APP_CONFIG);
  app.use(assignRequestId);
  // A cluster on SQLite (src/cluster/): a reader forwards what the writer serves before reading any of it; the
  // writer hears only readers, which say who the client is, and takes their operations.
  if (config.role === 'reader') app.use(writerProxy(app, GLOBAL_PREFIX));
  if (config.role === 'writer') {
    app.use(clientAsTheReaderSawIt);
    app.use(OPERATIONS_PATH, ...app.get(WriterOperations).handler());
  }
  app.use(cookieParser());
  app.use(helmet({ contentSecurityPolicy: false }));
  // API answers compressed (gzip) when the client accepts it: a cadre's first pull of 300 households is ~300 KB of
  // JSON and ~50 KB gzipped, which is what a phone on a weak signal waits for. The apps' own files are compressed
  // at build time (console-static.ts); xlsx files are zip archives already and are left alone by its filter.
  app.use('/api', compression({ threshold: 1024 }));
  const express = app as NestExpressApplication;
  express.useBodyParser('json', {
    limit: '2mb',
    verify: (_request: unknown, _response: unknown, body: Buffer) => {
      if (jsonNestingExceeds(body))
        throw Object.assign(new Error('too deep'), { status: 400, type: 'entity.too.deep' });
    },
  });
  express.set('trust proxy', 'loopback');
  app.setGlobalPrefix(GLOBAL_PREFIX, {
    exclude: [{ path: 'health', method: RequestMethod.GET }],
  });
  app.useGlobalPipes(new RejectControlCharactersPipe(), createValidationPipe());
  app.enableShutdownHooks();
  // BullMQ mode only; admins only (bearer token in the Authorization header).
  mountBullBoard(app, (token) => app.get(AuthService, { strict: false }).authenticate(token));
  answerClientErrors(app.getHttpServer());
  if (config.apiDocs) mountApiDocs(app);
  serveConsole(app, config.webDist);
  return app;
}

/** OpenAPI at /docs and /docs-json: on by default in development, behind API_DOCS=true in production. */
function mountApiDocs(app: INestApplication): void {
  SwaggerModule.setup('docs', app, openApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}
