import type { INestApplication } from '@nestjs/common';
import { API_BODY_DEPTH_MAX, BackOfficeErrorFilter, jsonBodyReader, type JsonLogger } from '@wallet-platform/service-kit';

/** Largest back-office request body: a player or a cashier movement is a few hundred bytes. */
export const BACK_OFFICE_BODY_BYTES_MAX = 16 * 1024;

/**
 * The back office's HTTP policy, for the service and for its tests alike: bodies are read by the
 * protocol kit's one JSON policy (a repeated key is a 400 naming the field, before any controller
 * can move money; a body past its bound a 413), and every error has the back office's shape.
 */
export function configureBackOfficeHttp(app: INestApplication, logger: JsonLogger): void {
  app.use('/back-office', jsonBodyReader({ bytesMax: BACK_OFFICE_BODY_BYTES_MAX, depthMax: API_BODY_DEPTH_MAX }));
  app.useGlobalFilters(new BackOfficeErrorFilter(logger));
}
