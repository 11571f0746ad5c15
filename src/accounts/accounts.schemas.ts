// The accounts API's request and response shapes (requests are validated with these; the OpenAPI document is
// generated from them).
import { z } from 'zod';
import { text, usdAmount } from '../common/schema-primitives';
import { SCOPES } from './scopes';

const usd = usdAmount('25.00');
const money = z.string().describe('USD as a decimal string');

/** An account's limits: the same shape in requests and responses; null (or absent on creation) is no limit. */
export const limitsSchema = z.object({ maxUsdPerHour: usd.nullable().optional(), maxUsdPerJob: usd.nullable().optional() }).strict();
const accountName = text().trim().min(1).max(200);
export const newAccountSchema = z.object({ name: accountName, limits: limitsSchema.optional() }).strict();
export const accountChangeSchema = z
  .object({ name: accountName.optional(), limits: limitsSchema.optional() })
  .strict()
  .refine((b) => b.name !== undefined || b.limits !== undefined, 'set name or limits');
export const newKeySchema = z.strictObject({
  name: text().trim().min(1).max(200),
  scopes: z.array(z.enum(SCOPES)).min(1).default(['read', 'jobs']),
  expiresAt: z.iso
    .datetime({ offset: true })
    .transform((v) => new Date(v))
    .refine((d) => d.getTime() > Date.now(), 'must be in the future')
    .nullish(),
  rateLimitPerMinute: z.number().int().min(1).max(1_000_000).nullish(),
});

export const accountViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.string(),
  limits: z.object({ maxUsdPerHour: money.nullable(), maxUsdPerJob: money.nullable() }),
  balanceUsd: money,
  heldUsd: money,
  availableUsd: money,
  heldUsdPerHour: money,
});

export const apiKeyViewSchema = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.enum(SCOPES)),
  rateLimitPerMinute: z.number().int().nullable(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});
export const createdApiKeySchema = apiKeyViewSchema.extend({ key: z.string().describe('The secret: shown in this response only.') });
export const apiKeyListSchema = z.object({ items: z.array(apiKeyViewSchema) });
export const ledgerSchema = z.object({
  items: z.array(
    z.object({ transactionId: z.string(), kind: z.string(), reference: z.string(), memo: z.string().nullable(), amountUsd: money, createdAt: z.string() }),
  ),
});
export const idParams = z.object({ id: z.uuid() });
