import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { notFoundProblem } from '../common/problem';
import { isUuid, text, usdAmount } from '../common/schema-primitives';
import { parseOrProblem } from '../common/zod-body';
import { CurrentAccount, RequireScope } from './access.decorators';
import { AccountsService } from './accounts.service';
import { ApiKeyService } from './api-key.service';
import { LedgerService } from './ledger.service';
import { AccountContext, SCOPES, scopeSatisfied } from './scopes';

const usd = usdAmount('25.00');
/** An account's limits: the same shape in requests and responses; null (or absent on creation) is no limit. */
const limitsSchema = z.object({ maxUsdPerHour: usd.nullable().optional(), maxUsdPerJob: usd.nullable().optional() }).strict();
const accountName = text().trim().min(1).max(200);
const newAccountSchema = z.object({ name: accountName, limits: limitsSchema.optional() }).strict();
const accountChangeSchema = z
  .object({ name: accountName.optional(), limits: limitsSchema.optional() })
  .strict()
  .refine((b) => b.name !== undefined || b.limits !== undefined, 'set name or limits');
const newKeySchema = z.strictObject({
  name: text().trim().min(1).max(200),
  scopes: z.array(z.enum(SCOPES)).min(1).default(['read', 'jobs']),
  expiresAt: z.iso
    .datetime({ offset: true })
    .transform((v) => new Date(v))
    .refine((d) => d.getTime() > Date.now(), 'must be in the future')
    .nullish(),
  rateLimitPerMinute: z.number().int().min(1).max(1_000_000).nullish(),
});

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
    private readonly ledger: LedgerService,
  ) {}

  @Post('accounts')
  @RequireScope('admin')
  @ApiOperation({ summary: 'Admin: create an account (it starts with ACCOUNT_STARTING_CREDIT_USD).' })
  createAccount(@Body() body: unknown) {
    const spec = parseOrProblem(newAccountSchema, body);
    return this.accounts.create({ name: spec.name, ...spec.limits });
  }

  @Patch('accounts/:id')
  @RequireScope('admin')
  @ApiOperation({ summary: "Admin: change an account's name or limits (a limit set to null is lifted; one left out is kept)." })
  changeAccount(@Param('id') id: string, @Body() body: unknown) {
    if (!isUuid(id)) throw notFoundProblem('Account', id);
    const change = parseOrProblem(accountChangeSchema, body);
    return this.accounts.change(id, { name: change.name, ...change.limits });
  }

  @Get('account')
  @ApiOperation({ summary: "The calling key's account: limits and balance." })
  ownAccount(@CurrentAccount() caller: AccountContext) {
    return this.accounts.get(caller.accountId);
  }

  @Get('account/ledger')
  @ApiOperation({ summary: "The calling key's account ledger lines (deposits, usage, adjustments), newest first." })
  async ownLedger(@CurrentAccount() caller: AccountContext) {
    return { items: await this.ledger.history(caller.accountId) };
  }

  @Get('accounts/:id')
  @ApiOperation({ summary: 'One account (its own keys, or an admin key).' })
  getAccount(@CurrentAccount() caller: AccountContext, @Param('id') id: string) {
    assertVisible(caller, id);
    return this.accounts.get(id);
  }

  @Post('accounts/:id/keys')
  @RequireScope('admin')
  @ApiOperation({ summary: 'Admin: create an API key. The key is in this response ONLY; store it now.' })
  async createKey(@Param('id') id: string, @Body() body: unknown) {
    if (!isUuid(id)) throw notFoundProblem('Account', id);
    const spec = parseOrProblem(newKeySchema, body);
    await this.accounts.get(id); // 404 for an unknown account
    return this.keys.create(id, spec);
  }

  @Get('keys')
  @ApiOperation({ summary: "The calling account's API keys (prefixes only, never the secrets)." })
  async listKeys(@CurrentAccount() caller: AccountContext) {
    return { items: await this.keys.listForAccount(caller.accountId) };
  }

  @Delete('keys/:id')
  @HttpCode(200)
  @RequireScope('admin')
  @ApiOperation({ summary: 'Admin: revoke an API key (idempotent); it stops working on every replica at once.' })
  revokeKey(@Param('id') id: string) {
    if (!isUuid(id)) throw notFoundProblem('API key', id);
    return this.keys.revoke(id);
  }
}
