import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { parseOrProblem } from '../common/zod-body';
import { offersQuerySchema } from './offers.query-schema';
import { OffersService } from './offers.service';

@ApiTags('pool')
@Controller('v1/offers')
export class OffersController {
  constructor(private readonly offers: OffersService) {}

  @Get()
  @ApiOperation({ summary: 'Offers in the pool, with normalized and native prices, FX provenance, freshness and score.' })
  @ApiQuery({ name: 'gpu', required: false, description: 'GPU ids, families or spellings, comma-separated (h100,a100-80gb)' })
  @ApiQuery({ name: 'minCount', required: false })
  @ApiQuery({ name: 'minVramGb', required: false })
  @ApiQuery({ name: 'region', required: false })
  @ApiQuery({ name: 'country', required: false })
  @ApiQuery({ name: 'network', required: false })
  @ApiQuery({ name: 'maxUsdPerGpuHour', required: false })
  @ApiQuery({ name: 'minScore', required: false })
  @ApiQuery({ name: 'firmOnly', required: false })
  @ApiQuery({ name: 'sort', required: false, enum: ['price', 'score', 'freshness'] })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'cursor', required: false })
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
