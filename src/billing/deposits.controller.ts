import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiContract } from '../common/api-contract';
import { parseOrProblem } from '../common/zod-body';
import { CurrentAccount, PublicRead, RequireScope } from '../accounts/access.decorators';
import {
  creditedDepositSchema,
  depositBodySchema as depositSchema,
  depositInstructionsSchema,
  depositListSchema,
  pendingDepositSchema,
  treasurySchema,
} from './deposits.schemas';
import { DepositsService } from './deposits.service';
import type { AccountContext } from '../accounts/scopes';

@ApiTags('deposits')
@ApiSecurity('apiKey')
@Controller('v1/deposits')
export class DepositsController {
  constructor(private readonly deposits: DepositsService) {}

  @Post()
  @RequireScope('jobs')
  @ApiOperation({ summary: 'Credit a USDC deposit on Solana by transaction signature: 201 credited, 200 already credited, 202 not finalized yet.' })
  @ApiContract({
    body: depositSchema,
    responses: {
      201: { description: 'Credited.', schema: creditedDepositSchema },
      200: { description: 'Already credited: the original result (replayed: true).', schema: creditedDepositSchema },
      202: { description: 'Confirmed but not finalized yet: submit again in a few seconds.', schema: pendingDepositSchema },
    },
    errors: [422, 503],
  })
  async submit(@CurrentAccount() caller: AccountContext, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const outcome = await this.deposits.submit(caller.accountId, parseOrProblem(depositSchema, body).signature);
    void reply.status(outcome.status === 'pending' ? 202 : outcome.replayed ? 200 : 201);
    return outcome;
  }

  @Get()
  @ApiOperation({ summary: "The calling account's credited deposits, newest first." })
  @ApiContract({ responses: { 200: { description: 'Up to 100 credited deposits.', schema: depositListSchema } } })
  async list(@CurrentAccount() caller: AccountContext) {
    return { items: await this.deposits.list(caller.accountId) };
  }

  @Get('reference')
  @ApiOperation({ summary: "How to deposit: the treasury, the USDC mint and this account's reference key and memo." })
  @ApiContract({ responses: { 200: { description: 'Deposit instructions for this account.', schema: depositInstructionsSchema } } })
  reference(@CurrentAccount() caller: AccountContext) {
    return this.deposits.instructionsFor(caller.accountId);
  }

  @Get('treasury')
  @PublicRead()
  @ApiOperation({ summary: 'The deposit treasury and USDC mint (public).' })
  @ApiContract({ responses: { 200: { description: 'The treasury.', schema: treasurySchema } } })
  treasury() {
    return this.deposits.treasury();
  }
}
