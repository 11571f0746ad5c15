import { Body, Controller, Get, Header, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiContract } from '../common/api-contract';
import { z } from 'zod';
import { PublicRead } from '../accounts/access.decorators';
import { isoTime } from '../common/schema-primitives';
import { parseOrProblem } from '../common/zod-body';
import { PRICE_MARKET, PriceMarket } from './price-market';
import { priceComparisonSchema, priceHistorySchema, renderEstimateSchema } from './pricing.schemas';
import { RenderEstimateService } from './render-estimate.service';

const csv = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

const compareQuery = z
  .object({
    gpu: csv.optional(),
    count: z.coerce.number().int().min(1).max(1024).optional(),
    region: z.string().max(64).optional(),
    hours: z.coerce
      .number()
      .positive()
      .max(24 * 366)
      .optional(),
    includeUnavailable: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional()
      .describe('Also compare networks that are down or whose offers are all stale (left out by default).'),
  })
  .strict();

const historyQuery = z
  .object({
    gpu: csv.refine((v) => v.length > 0, 'name at least one GPU'),
    network: z.string().max(64).optional(),
    from: isoTime().optional(),
    to: isoTime().optional(),
    bucket: z.enum(['hour', 'day', 'week']).default('hour'),
  })
  .strict();

const renderEstimateBody = z
  .object({
    obh: z
      .string()
      .regex(/^\d+(\.\d+)?$/, 'must be a decimal string of OctaneBench-hours')
      .optional(),
    gpu: z.string().min(1).max(128).optional(),
    hours: z
      .string()
      .regex(/^\d+(\.\d+)?$/, 'must be a decimal string of local render hours')
      .optional(),
    tier: z.union([z.literal(2), z.literal(3)], { message: 'must be 2 (priority) or 3 (economy)' }),
  })
  .strict();

@ApiTags('pricing')
@Controller()
export class PricingMarketController {
  constructor(
    @Inject(PRICE_MARKET) private readonly market: PriceMarket,
    private readonly render: RenderEstimateService,
  ) {}

  @Get('v1/pricing/compare')
  @ApiOperation({
    summary:
      'Per GPU model and network: offers, available GPUs, min/median/p90 USD per GPU-hour, the cheapest offer, totals, firm vs estimate, freshness, and the hyperscaler reference with the saving.',
  })
  @ApiContract({
    query: compareQuery,
    responses: { 200: { description: "The comparison, with each network's state and staleness.", schema: priceComparisonSchema } },
    errors: [422],
  })
  @Header('Content-Type', 'application/json; charset=utf-8')
  compare(@Query() query: Record<string, string>): string {
    // Written as text: the JSON of a cached comparison is reused across requests.
    return this.market.compareJson(parseOrProblem(compareQuery, query, 'query'));
  }

  @Get('v1/pricing/history')
  @ApiOperation({ summary: 'Price history (min / median / max / count per bucket) from the aggregates stored at every sync.' })
  @ApiContract({
    query: historyQuery,
    responses: { 200: { description: 'Buckets, ordered by GPU model, network, then time.', schema: priceHistorySchema } },
    errors: [422],
  })
  history(@Query() query: Record<string, string>) {
    const q = parseOrProblem(historyQuery, query, 'query');
    const to = q.to ?? new Date();
    const from = q.from ?? new Date(to.getTime() - 7 * 86_400_000);
    return this.market.history({ gpu: q.gpu, network: q.network, from, to, bucket: q.bucket });
  }

  @Post('v1/estimates/render')
  @HttpCode(200)
  // A calculator over public prices: readable like the market data (PUBLIC_MARKET_DATA).
  @PublicRead()
  @ApiOperation({
    summary:
      'Render 3D rendering cost from OctaneBench-hours (or a GPU and local render hours) at tier 2 or 3, in RENDER and USD, with the FX quote and the assumptions.',
  })
  @ApiContract({
    body: renderEstimateBody,
    responses: { 200: { description: 'The estimate, with the FX quote and the assumptions.', schema: renderEstimateSchema } },
    errors: [422, 503],
  })
  estimateRender(@Body() body: unknown) {
    return this.render.estimate(parseOrProblem(renderEstimateBody, body));
  }
}
