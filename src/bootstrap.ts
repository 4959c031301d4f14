import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { createValidationPipe } from './common/http/validation';
import { mountBullBoard } from './jobs/bull-board';
import { AuthService } from './modules/auth/auth.service';

export async function createApp(): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  return configureApp(app);
}

/** Everything about the HTTP app beyond its modules; e2e tests apply the same to their test module. */
export function configureApp(app: INestApplication): INestApplication {
  app.use(helmet({ contentSecurityPolicy: false }));
  const express = app as NestExpressApplication;
  express.useBodyParser('json', { limit: '2mb' });
  express.set('trust proxy', 'loopback');
  app.setGlobalPrefix('api/v1', {
    exclude: [{ path: 'health', method: RequestMethod.GET }],
  });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  // BullMQ mode only; admins only (bearer token in the Authorization header).
  mountBullBoard(app, (token) => app.get(AuthService, { strict: false }).authenticate(token));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('大兴寨水库移民安置 case management')
      .setDescription(
        'Households, cadres, approvals and the daily report / review / dispatch cycle. See api.md.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
