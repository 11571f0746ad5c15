import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { parseOrProblem } from '../common/zod-body';
import { CurrentAccount, PublicRead, RequireScope } from './access.decorators';
import { DepositsService } from './deposits.service';
import type { AccountContext } from './scopes';

const depositSchema = z.object({ signature: z.string().trim().min(64).max(100) });

@ApiTags('deposits')
@ApiSecurity('apiKey')
@Controller('v1/deposits')
export class DepositsController {
  constructor(private readonly deposits: DepositsService) {}

  @Post()
  @RequireScope('jobs')
  @ApiOperation({ summary: 'Credit a USDC deposit on Solana by transaction signature: 201 credited, 200 already credited, 202 not finalized yet.' })
  async submit(@CurrentAccount() caller: AccountContext, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const outcome = await this.deposits.submit(caller.accountId, parseOrProblem(depositSchema, body).signature);
    void reply.status(outcome.status === 'pending' ? 202 : outcome.replayed ? 200 : 201);
    return outcome;
  }

  @Get()
  @ApiOperation({ summary: "The calling account's credited deposits, newest first." })
  async list(@CurrentAccount() caller: AccountContext) {
    return { items: await this.deposits.list(caller.accountId) };
  }

  @Get('reference')
  @ApiOperation({ summary: "How to deposit: the treasury, the USDC mint and this account's reference key and memo." })
  reference(@CurrentAccount() caller: AccountContext) {
    return this.deposits.instructionsFor(caller.accountId);
  }

  @Get('treasury')
  @PublicRead()
  @ApiOperation({ summary: 'The deposit treasury and USDC mint (public).' })
  treasury() {
    return this.deposits.treasury();
  }
}
