import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/** The promotions back-office OpenAPI document, from the controllers' decorators. */
export function promotionsOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Promotions back office')
    .setDescription(
      'Free-round campaigns: create, add players, grant through the provider, cancel, settle. ' +
        'Authenticate with `Authorization: Bearer <API key>` (the wallet back office keys): `support` keys read, `admin` keys also change. ' +
        'Money is a decimal string ("0.10"). Errors are `{"error":"<snake_case>","message":"…"}`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'API key', description: 'A back-office API key; roles support and admin' })
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}` });
  document.paths = Object.fromEntries(Object.entries(document.paths).filter(([path]) => path.startsWith('/back-office/')));
  return document;
}

/** Served at /back-office/openapi.json and /back-office/docs. */
export function servePromotionsOpenApi(app: INestApplication): void {
  SwaggerModule.setup('back-office/docs', app, () => promotionsOpenApiDocument(app), { jsonDocumentUrl: 'back-office/openapi.json' });
}
