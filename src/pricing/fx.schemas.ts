// The documented shape of GET /v1/fx (the OpenAPI document is generated from it), written from
// FxService.details(), fx-aggregate.ts and feed-registry.ts.
import { z } from 'zod';
import { FX_ASSETS } from './fx/fx-quote';

const decimal = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/)
  .describe('A decimal string (money is never a float).');
const asset = z.enum(FX_ASSETS);

const sourceVerdictSchema = z.object({
  asset,
  source: z.string(),
  usd: decimal,
  publishTime: z.string(),
  confidence: decimal,
  feedId: z.string().optional(),
  observedAt: z.string(),
  used: z.boolean(),
  reason: z.string().optional().describe('Why the source was not used.'),
});

export const fxQuoteDetailSchema = z.object({
  asset,
  usd: decimal.describe('USD per whole token.'),
  source: z.string().describe('The source, or median(a,b) when several agreed.'),
  publishTime: z.string(),
  confidence: decimal.describe('Confidence half-width in USD ("0" when the oracle publishes none).'),
  feedId: z.string().optional(),
  observedAt: z.string(),
  spread: decimal.describe('(max − min) / median of the sources used, as a fraction.'),
  stale: z.boolean().describe('Stale now (past staleAfter).'),
  staleAfter: z.string(),
  sources: z.array(sourceVerdictSchema),
  ageS: z.number().int().min(0),
  maxAgeS: z.number(),
  unconfirmedFeeds: z.array(z.string()),
});

export const fxFeedSchema = z.object({
  id: z.string(),
  asset,
  oracle: z.enum(['pyth', 'chainlink']),
  kind: z.enum(['pyth-feed-id', 'pyth-solana-sponsored-account', 'chainlink-proxy']),
  value: z.string(),
  network: z.enum(['solana-mainnet', 'ethereum-mainnet']).optional(),
  status: z.enum(['confirmed', 'unconfirmed']),
  evidence: z.string(),
  usedBy: z.array(z.enum(['pyth-solana', 'pyth-hermes', 'chainlink'])),
});

export const fxCurrentSchema = z.object({
  simulated: z.boolean(),
  quotes: z.array(fxQuoteDetailSchema),
  missing: z.array(asset).describe('Assets with no quote yet.'),
  feeds: z.array(fxFeedSchema),
});
