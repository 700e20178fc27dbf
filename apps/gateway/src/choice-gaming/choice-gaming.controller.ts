import { Controller, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { unreadBodyOf } from '../http/bounded-raw-body';
import { ChoiceGamingService, type ChoiceGamingAnswer } from './choice-gaming.service';

/**
 * HTTP routes of the Choice Gaming wallet API. Each platform gets its own base URL,
 * `/choice-gaming/v1/<platform id>/`, which selects its private key and operator. The body arrives
 * as raw bytes (see main.ts): the `Hash` header signs the bytes exactly as sent. A body the
 * gateway did not read (too large) is answered in the envelope, never by the framework's 413.
 */
@Controller('choice-gaming/v1/:platformId')
export class ChoiceGamingController {
  constructor(private readonly choiceGaming: ChoiceGamingService) {}

  @Post('generateNewToken')
  async generateNewToken(@Param('platformId') platformId: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const answer = this.refusedUnread(platformId, request) ?? (await this.choiceGaming.generateNewToken(platformId, request.header('hash'), rawBodyOf(request)));
    response.status(answer.httpStatus).type('application/json; charset=utf-8').send(answer.body);
  }

  @Post('tournamentWin')
  async tournamentWin(@Param('platformId') platformId: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const answer = this.refusedUnread(platformId, request) ?? (await this.choiceGaming.tournamentWin(platformId, request.header('hash'), rawBodyOf(request)));
    response.status(answer.httpStatus).type('application/json; charset=utf-8').send(answer.body);
  }

  @Post('promoWin')
  async promoWin(@Param('platformId') platformId: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const answer = this.refusedUnread(platformId, request) ?? (await this.choiceGaming.promoWin(platformId, request.header('hash'), rawBodyOf(request)));
    response.status(answer.httpStatus).type('application/json; charset=utf-8').send(answer.body);
  }

  private refusedUnread(platformId: string, request: Request): ChoiceGamingAnswer | null {
    const unread = unreadBodyOf(request);
    return unread === null ? null : this.choiceGaming.refuseUnreadBody(platformId, unread, request.socket.remoteAddress);
  }
}

function rawBodyOf(request: Request): Buffer {
  return Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
}
