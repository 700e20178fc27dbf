import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Serves the reports API's OpenAPI document at /reports/openapi.json (and a viewer at /reports/docs). */
export function serveReportsOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Reporting API')
    .setDescription('GGR reports from the ledger. Money is decimal strings. Authorization: Bearer <back-office API key>.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('reports/docs', app, () => SwaggerModule.createDocument(app, config), { jsonDocumentUrl: 'reports/openapi.json' });
}
