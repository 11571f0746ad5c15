// The documented shapes of the deposit routes (the OpenAPI document is generated from these), written from
// DepositsService (treasury, instructionsFor, list, submit).
import { z } from 'zod';

const decimal = z
  .string()
  .regex(/^\d+(\.\d+)?$/)
  .describe('A decimal string (money is never a float).');

export const depositBodySchema = z.object({ signature: z.string().trim().min(64).max(100) });

export const treasurySchema = z.object({
  enabled: z.boolean().describe('False when this deployment has no SOLANA_RPC_URL and TREASURY_OWNER.'),
  usdcMint: z.string(),
  treasuryOwner: z.string().nullable(),
  decimals: z.literal(6),
  commitment: z.literal('finalized'),
});

export const depositInstructionsSchema = treasurySchema.extend({
  reference: z.string().describe("This account's Solana Pay reference key."),
  memo: z.string().describe("This account's memo."),
  howTo: z.string(),
});

export const creditedDepositSchema = z.object({
  status: z.literal('credited'),
  signature: z.string(),
  accountId: z.string(),
  amountUsdc: decimal,
  amountUsd: decimal,
  binding: z.enum(['reference', 'memo']),
  slot: z.number().int(),
  blockTime: z.string().nullable(),
  creditedAt: z.string(),
  replayed: z.boolean().describe('True when this signature had already been credited (a replay returns the original result).'),
});

export const pendingDepositSchema = z.object({ status: z.literal('pending'), signature: z.string(), detail: z.string() });

export const depositListSchema = z.object({ items: z.array(creditedDepositSchema) });
