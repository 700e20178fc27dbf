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
