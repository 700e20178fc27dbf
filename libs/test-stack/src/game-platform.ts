import { randomInt } from 'node:crypto';
import { parse, type LosslessNumber } from 'lossless-json';
import { PlatformClient, utcTimestamp, type PlatformCall } from './platform-client';
import type { SeededPlayer } from './test-stack';

/** What a test needs to know of one answer. Decimals and ids stay exact strings. */
export interface Answer {
  readonly httpStatus: number;
  readonly status: 'OK' | 'ERROR' | undefined;
  readonly errorCode: string | undefined;
  readonly balance: string | undefined;
  readonly data: Record<string, unknown>;
  readonly call: PlatformCall;
  readonly hashValid: boolean;
}

export interface PlayOptions {
  readonly transactionId?: string;
  readonly roundId?: string;
  readonly roundFinished?: boolean | null;
  readonly gameId?: string;
  readonly currency?: string;
  readonly token?: string | null;
  readonly userId?: string;
  /** The changebalance `context` as raw JSON (default `{"reason":"SPIN"}`). */
  readonly context?: string;
  /** Extra HTTP headers of the request (a `traceparent`, say). */
  readonly headers?: Readonly<Record<string, string>>;
}

let sequence = 0;
/** A fresh platform id of 15 digits (some tests use 20-digit ones explicitly). */
export function freshId(): string {
  sequence += 1;
  return `${randomInt(100_000, 999_999)}${String(Date.now() % 1_000_000).padStart(6, '0')}${String(sequence).padStart(3, '0')}`;
}

/**
 * A game platform playing on our gateway: builds each command's data as raw JSON text (amounts as
 * literal decimals, ids as literal integers), signs it, and reads the answer losslessly.
 */
export class GamePlatform {
  constructor(private readonly client: PlatformClient) {}

  async send(command: string, dataJson: string, headers?: Readonly<Record<string, string>>): Promise<Answer> {
    const call = await this.client.call(command, dataJson, { headers });
    if (call.status !== 200) return { httpStatus: call.status, status: undefined, errorCode: undefined, balance: undefined, data: {}, call, hashValid: false };
    const body = parse(call.body) as { response: { status: 'OK' | 'ERROR'; response_timestamp: string; hash: string; data: Record<string, unknown> } };
    const data = body.response.data;
    return {
      httpStatus: call.status,
      status: body.response.status,
      errorCode: data['error_code'] as string | undefined,
      balance: (data['balance'] as LosslessNumber | undefined)?.value,
      data,
      call,
      hashValid: this.client.responseHashValid(body.response),
    };
  }

  changeBalance(player: SeededPlayer, type: 'BET' | 'WIN' | 'REFUND', amount: string, options: PlayOptions = {}): Promise<Answer> {
    const token = options.token === undefined ? `"${player.token}"` : options.token === null ? 'null' : `"${options.token}"`;
    const roundFinished = options.roundFinished === undefined ? 'false' : String(options.roundFinished);
    return this.send(
      'changebalance',
      `{"token":${token},"user_id":"${options.userId ?? player.user_id}","transaction_type":"${type}","transaction_id":${options.transactionId ?? freshId()},` +
        `"round_id":${options.roundId ?? '1'},"round_finished":${roundFinished},"game_id":${options.gameId ?? player.game_id},` +
        `"currency_code":"${options.currency ?? player.currency}","amount":${amount},"transaction_timestamp":"${utcTimestamp()}",` +
        `"context":${options.context ?? '{"reason":"SPIN"}'}}`,
      options.headers,
    );
  }

  status(player: SeededPlayer, transactionId: string, type = 'BET'): Promise<Answer> {
    return this.send(
      'status',
      `{"user_id":"${player.user_id}","transaction_id":${transactionId},"transaction_type":"${type}","transaction_date":"${utcTimestamp().slice(0, 10)}",` +
        `"transaction_ts":"${Date.now()}","round_id":1}`,
    );
  }

  cancel(player: SeededPlayer, transactionId: string, options: { roundId?: string; roundFinished?: boolean | null } = {}): Promise<Answer> {
    const roundFinished = options.roundFinished === undefined ? 'null' : String(options.roundFinished);
    return this.send('cancel', `{"user_id":"${player.user_id}","transaction_id":${transactionId},"round_id":${options.roundId ?? '1'},"round_finished":${roundFinished},"game_id":${player.game_id}}`);
  }

  finishRound(player: SeededPlayer, roundId: string): Promise<Answer> {
    return this.send('finishround', `{"round_id":${roundId},"user_id":"${player.user_id}","game_id":${player.game_id},"round_date":"${utcTimestamp().slice(0, 10)}","round_ts":"${Date.now()}"}`);
  }

  authenticate(token: string): Promise<Answer> {
    return this.send('authenticate', `{"token":"${token}"}`);
  }

  async balance(player: SeededPlayer): Promise<string | undefined> {
    return (await this.send('balance', `{"token":"${player.token}","user_id":"${player.user_id}","currency_code":"${player.currency}"}`)).balance;
  }
}
