import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiContract } from '../common/api-contract';
import { isoTime } from '../common/schema-primitives';
import { networkDetailSchema, networkHealthHistorySchema, networkIdParams, networkListSchema } from './networks.schemas';
import { parseOrProblem } from '../common/zod-body';
import { NetworksService } from './networks.service';

const historyQuery = z
  .object({
    from: isoTime().optional(),
    to: isoTime().optional(),
  })
  .strict();

@ApiTags('networks')
@Controller('v1/networks')
export class NetworksController {
  constructor(private readonly networks: NetworksService) {}

  @Get()
  @ApiOperation({ summary: 'Every network: plugin, simulated or real, state and score with its parts, breaker, last sync, counts.' })
  @ApiContract({ responses: { 200: { description: 'Every loaded network.', schema: networkListSchema } } })
  list() {
    return this.networks.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One network, with its most recent quarantined records.' })
  @ApiContract({ params: networkIdParams, responses: { 200: { description: 'The network.', schema: networkDetailSchema } } })
  get(@Param('id') id: string) {
    return this.networks.get(id);
  }

  @Get(':id/health')
  @ApiOperation({ summary: 'Health score history of a network.' })
  @ApiContract({
    query: historyQuery,
    responses: { 200: { description: 'Health samples in the window (default: the last 24 hours).', schema: networkHealthHistorySchema } },
  })
  history(@Param('id') id: string, @Query() query: Record<string, string>) {
    const q = parseOrProblem(historyQuery, query, 'query');
    const to = q.to ?? new Date();
    const from = q.from ?? new Date(to.getTime() - 24 * 3600_000);
    return this.networks.history(id, from, to);
  }
}
