import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiContract } from '../common/api-contract';
import { parseOrProblem } from '../common/zod-body';
import { offersQuerySchema } from './offers.query-schema';
import { OffersService } from './offers.service';

@ApiTags('pool')
@Controller('v1/offers')
export class OffersController {
  constructor(private readonly offers: OffersService) {}

  @Get()
  @ApiOperation({ summary: 'Offers in the pool, with normalized and native prices, FX provenance, freshness and score.' })
  @ApiContract({ query: offersQuerySchema })
  @Header('Content-Type', 'application/json; charset=utf-8')
  list(@Query() query: Record<string, string>): string {
    return this.offers.list(parseOrProblem(offersQuerySchema, query, 'query'));
  }

  @Get(':network/:offerId')
  @ApiOperation({ summary: 'One offer.' })
  get(@Param('network') network: string, @Param('offerId') offerId: string) {
    return this.offers.get(network, offerId);
  }
}
