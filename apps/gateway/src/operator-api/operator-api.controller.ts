import { Controller, Get, Header, HttpCode } from '@nestjs/common';
import { PING_RESPONSE_BODY } from '@wallet-platform/operator-api';

/**
 * The Operator API's routes that NestJS serves. Each platform gets its own base URL,
 * `/operator-api/v2/<platform id>/`, and calls `<base>/<command>`: those commands (every POST) are
 * served in front of Express by operator-api.http-listener.ts, the hot path of every platform call.
 */
@Controller('operator-api/v2/:platformId')
export class OperatorApiController {
  @Get('ping')
  @HttpCode(200)
  @Header('Content-Type', 'text/plain; charset=utf-8')
  ping(): string {
    return PING_RESPONSE_BODY;
  }
}
