// Identity and access: accounts, API keys, the global access guard, rate limits. Global, so any feature can
// authenticate and read accounts without importing this module. The money (ledger, holds, deposits) is billing's.
import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { AppConfig } from '../config/app-config';
import { AccessGuard } from './access.guard';
import { InvalidKeyThrottle } from './invalid-key.throttle';
import { ACCOUNTS_CONFIG, loadAccountsConfig } from './accounts.config';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { AdminBootstrap } from './admin-bootstrap';
import { ApiKeyService } from './api-key.service';
import { RateLimiter } from './rate-limiter';

@Global()
@Module({})
export class AccountsModule {
  static forRoot(config: Pick<AppConfig, 'env'>): DynamicModule {
    return {
      module: AccountsModule,
      controllers: [AccountsController],
      providers: [
        { provide: ACCOUNTS_CONFIG, useValue: loadAccountsConfig(config.env) },
        ApiKeyService,
        AccountsService,
        RateLimiter,
        InvalidKeyThrottle,
        AdminBootstrap,
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
      exports: [ACCOUNTS_CONFIG, AccountsService, ApiKeyService],
    };
  }
}
