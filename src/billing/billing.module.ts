// The money: the double-entry ledger, what unfinished jobs hold of their accounts (one budget rule), usage
// charged while attempts run and settled when they end, and USDC deposits on Solana. Global, so intake and the
// reconciler inject it without importing this module; it binds accounts' ACCOUNT_FUNDS (balance, ledger lines,
// starting credit), as accounts sit below billing.
import { Global, Module } from '@nestjs/common';
import { ACCOUNT_FUNDS } from '../accounts/account-funds';
import { DepositsController } from './deposits.controller';
import { DepositsService } from './deposits.service';
import { HoldsService } from './holds.service';
import { LedgerService } from './ledger.service';
import { SettlementService } from './settlement.service';
import { SolanaTransactionReader } from './solana-transactions.reader';

@Global()
@Module({
  controllers: [DepositsController],
  providers: [LedgerService, HoldsService, SettlementService, { provide: ACCOUNT_FUNDS, useExisting: LedgerService }, SolanaTransactionReader, DepositsService],
  exports: [LedgerService, HoldsService, SettlementService, ACCOUNT_FUNDS],
})
export class BillingModule {}
