import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/** The back office's OpenAPI document, from the controllers' decorators (one source of truth). */
export function backOfficeOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Wallet back office')
    .setDescription(
      'Players, cashier, responsible-gambling limits, history and game launch for the casino’s staff. ' +
        'Authenticate with `Authorization: Bearer <API key>`: `support` keys read, `admin` keys also change. ' +
        'Money is always a decimal string ("100.00"). Validation errors are 400 `{"error":"validation_failed","fields":[...]}`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'API key', description: 'A back-office API key (random string); roles support and admin' })
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    include: [],
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  // Only the back office belongs in this document (not health or other routes of the service).
  document.paths = Object.fromEntries(Object.entries(document.paths).filter(([path]) => path.startsWith('/back-office/')));
  return document;
}

/** Serves the document at /back-office/openapi.json and a browsable UI at /back-office/docs. */
export function serveBackOfficeOpenApi(app: INestApplication): void {
  SwaggerModule.setup('back-office/docs', app, () => backOfficeOpenApiDocument(app), { jsonDocumentUrl: 'back-office/openapi.json' });
}
