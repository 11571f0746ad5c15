import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiContract } from '../common/api-contract';
import { offersQuerySchema } from './offers.query-schema';
import { offerListSchema, offerViewSchema } from './offers.schemas';
import { OffersService } from './offers.service';

@ApiTags('pool')
@Controller('v1/offers')
export class OffersController {
  constructor(private readonly offers: OffersService) {}

  @Get()
  @ApiOperation({ summary: 'Offers in the pool, with normalized and native prices, FX provenance, freshness and score.' })
  @ApiContract({ query: offersQuerySchema, responses: { 200: { description: 'One page of offers, cheapest first by default.', schema: offerListSchema } } })
  @Header('Content-Type', 'application/json; charset=utf-8')
  list(@Query() query: Record<string, string>): Buffer {
    return this.offers.list(query);
  }

  @Get(':network/:offerId')
  @ApiOperation({ summary: 'One offer.' })
  @ApiContract({ responses: { 200: { description: 'The offer.', schema: offerViewSchema } }, errors: [404] })
  get(@Param('network') network: string, @Param('offerId') offerId: string) {
    return this.offers.get(network, offerId);
  }
}
