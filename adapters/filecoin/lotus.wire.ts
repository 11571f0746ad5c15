// Lotus JSON-RPC 2.0 wire shapes (reference/filecoin.md §3.1–3.2). Big numbers are decimal strings.
import { z } from 'zod';

export const JSON_RPC_METHOD_NOT_FOUND = -32601;

export const rpcErrorSchema = z.object({ code: z.number().int(), message: z.string(), data: z.unknown().optional() });
export type RpcError = z.infer<typeof rpcErrorSchema>;

export const rpcResponseSchema = z.object({
  jsonrpc: z.literal('2.0').optional(),
  id: z.union([z.number(), z.string(), z.null()]),
  result: z.unknown().optional(),
  error: rpcErrorSchema.optional(),
});
export type RpcResponse = z.infer<typeof rpcResponseSchema>;

export const rpcBatchResponseSchema = z.array(rpcResponseSchema);

const bigIntString = z.string().regex(/^-?\d+$/);

export const minerInfoSchema = z
  .object({
    Owner: z.string(),
    Worker: z.string(),
    PeerId: z.string().nullish(),
    Multiaddrs: z.array(z.string()).nullish(),
    SectorSize: z.number(),
  })
  .passthrough();
export type MinerInfo = z.infer<typeof minerInfoSchema>;

const claimSchema = z.object({ RawBytePower: bigIntString, QualityAdjPower: bigIntString });

export const minerPowerSchema = z.object({
  MinerPower: claimSchema,
  TotalPower: claimSchema,
  HasMinPower: z.boolean(),
});
export type MinerPower = z.infer<typeof minerPowerSchema>;

export const chainHeadSchema = z
  .object({
    Cids: z.array(z.object({ '/': z.string() })),
    Blocks: z.array(z.object({ Timestamp: z.number(), Height: z.number() }).passthrough()),
    Height: z.number().int(),
  })
  .passthrough();
export type ChainHead = z.infer<typeof chainHeadSchema>;
