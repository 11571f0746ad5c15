// Accounts, API keys, the global access guard, rate limits, the ledger and USDC deposits. Global, so
// any feature can inject LedgerService (budgets, usage) without importing this module.
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
import { DepositsController } from './deposits.controller';
import { DepositsService } from './deposits.service';
import { LedgerService } from './ledger.service';
import { RateLimiter } from './rate-limiter';
import { SolanaTransactionReader } from './solana-transactions.reader';

@Global()
@Module({})
export class AccountsModule {
  static forRoot(config: Pick<AppConfig, 'env'>): DynamicModule {
    return {
      module: AccountsModule,
      controllers: [AccountsController, DepositsController],
      providers: [
        { provide: ACCOUNTS_CONFIG, useValue: loadAccountsConfig(config.env) },
        ApiKeyService,
        AccountsService,
        LedgerService,
        RateLimiter,
        InvalidKeyThrottle,
        SolanaTransactionReader,
        DepositsService,
        AdminBootstrap,
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
      exports: [ACCOUNTS_CONFIG, LedgerService, AccountsService, ApiKeyService],
    };
  }
}
