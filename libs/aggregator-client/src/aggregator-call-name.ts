/** Every call of the External API v1.3.0, by its path (POST {api_url}/{name}). */
export const AggregatorCallName = {
  CreatePlayer: 'createPlayer',
  GetPlayerBalance: 'getPlayerBalance',
  GetPlayerStatus: 'getPlayerStatus',
  Games: 'games',
  LaunchGame: 'launchGame',
  Deposit: 'deposit',
  Withdraw: 'withdraw',
  History: 'history',
  PlayerDailyReport: 'playerDailyReport',
  GameLogs: 'gameLogs',
  Providers: 'providers',
  FreeRound: 'freeRound',
  GetFreeRound: 'getFreeRound',
  CancelFreeRound: 'cancelFreeRound',
} as const;
export type AggregatorCallName = (typeof AggregatorCallName)[keyof typeof AggregatorCallName];
