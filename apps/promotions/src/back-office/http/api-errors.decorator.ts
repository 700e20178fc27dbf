// Same as apps/wallet/src/back-office (the same keys, roles and error shape for every back-office API);
// copied because an app cannot import another app. To move into a shared lib when a third service needs it.
import { applyDecorators } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';

/** The authentication and the error answers every back-office controller shares, for OpenAPI. */
export function BackOfficeApi(): ClassDecorator & MethodDecorator {
  return applyDecorators(
    ApiBearerAuth(),
    ApiBadRequestResponse({ description: '`{"error":"validation_failed","fields":[{"field":"…","problems":["…"]}]}`' }),
    ApiUnauthorizedResponse({ description: '`{"error":"unauthorized","message":"…"}`: no valid API key' }),
    ApiForbiddenResponse({ description: '`{"error":"forbidden","message":"…"}`: the key’s role does not allow the operation' }),
  );
}
