/**
 * Writes the API's OpenAPI document (the one /docs-json serves) to a file, without a database or a port:
 * the Nest graph in preview mode has every controller's metadata and instantiates nothing.
 * `npm run api:client` turns it into the console's typed client; CI checks the committed one is current.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module';
import { openApiDocument } from '../src/openapi';

async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error('usage: export-openapi <file.json>');
  const app = await NestFactory.create(AppModule, { preview: true, logger: false, abortOnError: false });
  app.setGlobalPrefix('api/v1', { exclude: ['health'] });
  writeFileSync(out, `${JSON.stringify(openApiDocument(app), null, 2)}\n`);
  await app.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
