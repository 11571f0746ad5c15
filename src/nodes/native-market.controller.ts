import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { RequireScope } from '../accounts/access.decorators';
import { parseOrProblem } from '../common/zod-body';
import { LeaseService } from './lease.service';
import { MarketService } from './market.service';
import { placementRequestSchema } from './protocol/market-request';

const keySchema = z.string().min(1).max(200);

/**
 * The market API the native adapter calls; it works the same against a coordinator deployed on its own.
 * Placing work here bypasses job budgets, so it needs the `nodes:operate` scope (the host's own adapter
 * holds such a key), not just any key.
 */
@ApiTags('native market')
@RequireScope('nodes:operate')
@Controller('v1/native')
export class NativeMarketController {
  constructor(
    private readonly market: MarketService,
    private readonly leases: LeaseService,
  ) {}

  @Get('offers')
  @ApiOperation({ summary: 'Rentable native supply: online, verified, unflagged nodes with free GPUs.' })
  offers() {
    return this.market.offers();
  }

  @Post('placements')
  @ApiOperation({ summary: 'Place a job on an offer (idempotency-key header: one lease per key, never two).' })
  async place(@Headers('idempotency-key') key: unknown, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const p = parseOrProblem(placementRequestSchema, body);
    const { placement, created } = await this.leases.place(
      parseOrProblem(keySchema, key, 'idempotency-key'),
      p.offerId,
      p.gpus ?? Math.max(1, p.job.resources.gpu.count),
      p.job,
    );
    void reply.status(created ? 201 : 200);
    return placement;
  }

  @Get('placements/:id')
  @ApiOperation({ summary: 'A placement (lease) and its state.' })
  placement(@Param('id') id: string) {
    return this.leases.placement(id);
  }

  @Post('placements/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a placement (idempotent).' })
  cancel(@Param('id') id: string) {
    return this.leases.cancel(id);
  }

  @Get('placements/:id/logs')
  @ApiOperation({ summary: 'Log lines the node streamed for a placement.' })
  async logs(@Param('id') id: string) {
    return { lines: await this.leases.logLines(id) };
  }
}
