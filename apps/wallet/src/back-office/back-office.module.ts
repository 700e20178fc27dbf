import { Module, type DynamicModule } from '@nestjs/common';
import { PLATFORM_SETTINGS, type PlatformSettings } from '../platforms/platform-settings';
import { PlayerLock } from '../players/player-lock';
import { CashierController } from './cashier/cashier.controller';
import { CashierService } from './cashier/cashier.service';
import { HistoryController } from './history/history.controller';
import { HistoryStore } from './history/history.store';
import { BackOfficePlayersController } from './players/back-office-players.controller';
import { LimitsController } from './players/limits.controller';
import { PlayersStore } from './players/players.store';
import { SessionsController } from './sessions/sessions.controller';
import { SessionsStore } from './sessions/sessions.store';
import { type BackOfficeApiKey, BACK_OFFICE_API_KEYS, BackOfficeAuthGuard } from '@wallet-platform/service-kit';

export const backOfficeControllers = [BackOfficePlayersController, CashierController, LimitsController, HistoryController, SessionsController];

/**
 * The casino staff's HTTP API (`/back-office/v1`), served by the wallet because the wallet owns
 * the data it changes. It is the control plane: nothing here is on the platforms' hot path.
 */
@Module({})
export class BackOfficeModule {
  static forRoot(apiKeys: readonly BackOfficeApiKey[], platforms: readonly PlatformSettings[]): DynamicModule {
    return {
      module: BackOfficeModule,
      controllers: backOfficeControllers,
      providers: [
        { provide: BACK_OFFICE_API_KEYS, useValue: apiKeys },
        { provide: PLATFORM_SETTINGS, useValue: platforms },
        BackOfficeAuthGuard,
        CashierService,
        HistoryStore,
        PlayersStore,
        SessionsStore,
        PlayerLock,
      ],
      exports: [BACK_OFFICE_API_KEYS, PLATFORM_SETTINGS, BackOfficeAuthGuard],
    };
  }
}
