import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { notFoundProblem } from '../common/problem';
import { ApiContract } from '../common/api-contract';
import { isUuid } from '../common/schema-primitives';
import {
  accountChangeSchema,
  accountViewSchema,
  apiKeyListSchema,
  apiKeyViewSchema,
  createdApiKeySchema,
  idParams,
  ledgerSchema,
  newAccountSchema,
  newKeySchema,
} from './accounts.schemas';
import { parseOrProblem } from '../common/zod-body';
import { CurrentAccount, RequireScope } from './access.decorators';
import { ACCOUNT_FUNDS, AccountFunds } from './account-funds';
import { AccountsService } from './accounts.service';
import { ApiKeyService } from './api-key.service';
import { AccountContext, scopeSatisfied } from './scopes';

/** An account's own data is visible to its keys; every account's to admin keys; otherwise "not found". */
function assertVisible(caller: AccountContext, accountId: string): void {
  if (!isUuid(accountId)) throw notFoundProblem('Account', accountId);
  if (caller.accountId !== accountId && !scopeSatisfied(caller.scopes, 'admin')) throw notFoundProblem('Account', accountId);
}

@ApiTags('accounts')
@ApiSecurity('apiKey')
@Controller('v1')
export class AccountsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly keys: ApiKeyService,
    @Inject(ACCOUNT_FUNDS) private readonly funds: AccountFunds,
  ) {}

  @Post('accounts')
  @RequireScope('admin')
  @ApiOperation({ summary: 'Admin: create an account (it starts with ACCOUNT_STARTING_CREDIT_USD).' })
  @ApiContract({
    body: newAccountSchema,
    bodyExample: { name: 'acme', limits: { maxUsdPerJob: '50', maxUsdPerHour: '10' } },
    responses: { 201: { description: 'The account.', schema: accountViewSchema } },
  })
  createAccount(@Body() body: unknown) {
    const spec = parseOrProblem(newAccountSchema, body);
    return this.accounts.create({ name: spec.name, ...spec.limits });
  }

  @Patch('accounts/:id')
  @RequireScope('admin')
  @ApiOperation({ summary: "Admin: change an account's name or limits (a limit set to null is lifted; one left out is kept)." })
  @ApiContract({ params: idParams, body: accountChangeSchema, responses: { 200: { description: 'The account as changed.', schema: accountViewSchema } } })
  changeAccount(@Param('id') id: string, @Body() body: unknown) {
    if (!isUuid(id)) throw notFoundProblem('Account', id);
    const change = parseOrProblem(accountChangeSchema, body);
    return this.accounts.change(id, { name: change.name, ...change.limits });
  }

  @Get('account')
  @ApiOperation({ summary: "The calling key's account: limits and balance." })
  @ApiContract({ responses: { 200: { description: 'The account.', schema: accountViewSchema } } })
  ownAccount(@CurrentAccount() caller: AccountContext) {
    return this.accounts.get(caller.accountId);
  }

  @Get('account/ledger')
  @ApiOperation({ summary: "The calling key's account ledger lines (deposits, usage, adjustments), newest first." })
  @ApiContract({ responses: { 200: { description: 'Ledger lines, newest first.', schema: ledgerSchema } } })
  async ownLedger(@CurrentAccount() caller: AccountContext) {
    return { items: await this.funds.history(caller.accountId) };
  }

  @Get('accounts/:id')
  @ApiOperation({ summary: 'One account (its own keys, or an admin key).' })
  @ApiContract({ params: idParams, responses: { 200: { description: 'The account.', schema: accountViewSchema } } })
  getAccount(@CurrentAccount() caller: AccountContext, @Param('id') id: string) {
    assertVisible(caller, id);
    return this.accounts.get(id);
  }

  @Post('accounts/:id/keys')
  @RequireScope('admin')
  @ApiOperation({ summary: 'Admin: create an API key. The key is in this response ONLY; store it now.' })
  @ApiContract({
    params: idParams,
    body: newKeySchema,
    responses: { 201: { description: 'The key, with its secret (shown once).', schema: createdApiKeySchema } },
  })
  async createKey(@Param('id') id: string, @Body() body: unknown) {
    if (!isUuid(id)) throw notFoundProblem('Account', id);
    const spec = parseOrProblem(newKeySchema, body);
    await this.accounts.get(id); // 404 for an unknown account
    return this.keys.create(id, spec);
  }

  @Get('keys')
  @ApiOperation({ summary: "The calling account's API keys (prefixes only, never the secrets)." })
  @ApiContract({ responses: { 200: { description: 'The keys (prefixes only).', schema: apiKeyListSchema } } })
  async listKeys(@CurrentAccount() caller: AccountContext) {
    return { items: await this.keys.listForAccount(caller.accountId) };
  }

  @Delete('keys/:id')
  @HttpCode(200)
  @RequireScope('admin')
  @ApiOperation({ summary: 'Admin: revoke an API key (idempotent); it stops working on every replica at once.' })
  @ApiContract({ params: idParams, responses: { 200: { description: 'The key, revoked.', schema: apiKeyViewSchema } } })
  revokeKey(@Param('id') id: string) {
    if (!isUuid(id)) throw notFoundProblem('API key', id);
    return this.keys.revoke(id);
  }
}
