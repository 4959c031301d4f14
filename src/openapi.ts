import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** The API's OpenAPI document: served at /docs-json and the source of the console's typed client. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('大兴寨水库移民安置 case management')
      .setDescription(
        'Households, cadres, approvals and the daily report / review / dispatch cycle. The design: docs/architecture.md in the repository.',
      )
      .setVersion('1')
      .addBearerAuth()
      .addCookieAuth('dxz_session')
      .build(),
  );
}
