import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiContract } from '../common/api-contract';
import { parseOrProblem } from '../common/zod-body';
import { providerDetailSchema, providerListSchema } from './offers.schemas';
import { ProvidersService } from './providers.service';

const providersQuery = z.object({ network: z.string().max(64).optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) }).strict();

@ApiTags('pool')
@Controller('v1/providers')
export class ProvidersController {
  constructor(private readonly providers: ProvidersService) {}

  @Get()
  @ApiOperation({ summary: 'Providers with live offers: GPUs, cheapest price, score.' })
  @ApiContract({ query: providersQuery, responses: { 200: { description: 'Providers with live offers, by id.', schema: providerListSchema } } })
  list(@Query() query: Record<string, string>) {
    return this.providers.list(parseOrProblem(providersQuery, query, 'query'));
  }

  @Get(':network/:providerId')
  @ApiOperation({ summary: 'One provider, with its offers.' })
  @ApiContract({ responses: { 200: { description: 'The provider and its live offers.', schema: providerDetailSchema } }, errors: [404] })
  get(@Param('network') network: string, @Param('providerId') providerId: string) {
    return this.providers.get(network, providerId);
  }
}
