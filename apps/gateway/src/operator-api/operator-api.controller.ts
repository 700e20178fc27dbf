import { Controller, Get, Header, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PING_RESPONSE_BODY } from '@wallet-platform/operator-api';
import { unreadBodyOf } from '../http/bounded-raw-body';
import { startOperatorApiRequest } from './operator-api.metrics';
import { OperatorApiService } from './operator-api.service';

/**
 * HTTP routes of the Operator API. Each platform gets its own base URL,
 * `/operator-api/v2/<platform id>/`, and calls `<base>/<command>`. The body arrives as raw bytes
 * (see main.ts): the protocol needs it exactly as sent, to parse losslessly and to pass it back.
 */
@Controller('operator-api/v2/:platformId')
export class OperatorApiController {
  constructor(private readonly operatorApi: OperatorApiService) {}

  @Get('ping')
  @HttpCode(200)
  @Header('Content-Type', 'text/plain; charset=utf-8')
  ping(): string {
    return PING_RESPONSE_BODY;
  }

  @Post(':command')
  async command(@Param('platformId') platformId: string, @Param('command') command: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const answered = startOperatorApiRequest(command);
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const call = {
      platformId,
      pathCommand: command,
      operatorIdHeader: request.header('x-operator-id'),
      authorizationHeader: request.header('x-authorization'),
      peerAddress: request.socket.remoteAddress,
      forwardedForHeader: request.header('x-forwarded-for'),
      rawBody,
    };
    const unread = unreadBodyOf(request);
    const answer = unread === null ? await this.operatorApi.handle(call) : this.operatorApi.refuseUnreadBody(call, unread);
    if (answer.httpStatus === 403) {
      response.status(403).type('text/plain').send('Access denied');
      answered('ACCESS_DENIED');
      return;
    }
    response.status(200).type('application/json; charset=utf-8').send(answer.body);
    answered(answer.result);
  }
}
