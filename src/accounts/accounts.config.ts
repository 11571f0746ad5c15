// The accounts feature's own settings, parsed once from the environment (see the report / README table).
import Decimal from 'decimal.js';
import { PublicKey } from '@solana/web3.js';
import { z } from 'zod';
import { declaredBy, envProblemList, parseEnv } from '../config/env-config';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' }).transform((v) => v === 'true' || v === '1' || v === 'yes');
const usd = z.string().refine((v) => /^\d+(\.\d+)?$/.test(v), 'must be a non-negative decimal, e.g. 1000 or 12.50');
const solanaAddress = z.string().refine((v) => {
  try {
    return new PublicKey(v).toBase58() === v;
  } catch {
    return false;
  }
}, 'must be a base58 Solana address');

export const MAINNET_USDC_MINT = 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v';

const schema = z.object({
  ADMIN_API_KEY: z.string().min(24, 'use at least 24 characters (or leave unset and one is generated)').max(200).optional(),
  PUBLIC_MARKET_DATA: bool.default(true),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(30),
  API_KEY_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  ACCOUNT_STARTING_CREDIT_USD: usd.optional(),
  SOLANA_RPC_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  SOLANA_RPC_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  USDC_MINT: solanaAddress.default(MAINNET_USDC_MINT),
  TREASURY_OWNER: solanaAddress.optional(),
});

export interface AccountsConfig {
  adminApiKey?: string;
  publicMarketData: boolean;
  rateLimitPerMinute: number;
  /** Refused API keys one client may present per minute before it is answered 429 without a lookup. */
  authFailuresPerMinute: number;
  /** How long an authenticated key is remembered (0: ask Postgres on every request). */
  apiKeyCacheMs: number;
  /** Unset: DEMO_STARTING_CREDIT_USD while networks are simulated (the demo), else none. */
  startingCreditUsd?: string;
  deposits: { rpcUrl?: string; rpcTimeoutMs: number; usdcMint: string; treasuryOwner?: string };
}

export const ACCOUNTS_CONFIG = Symbol('ACCOUNTS_CONFIG');

/** What a new account starts with in the demo (some network simulated) unless ACCOUNT_STARTING_CREDIT_USD says otherwise. */
export const DEMO_STARTING_CREDIT_USD = '1000';

export function loadAccountsConfig(env: Record<string, string | undefined>): AccountsConfig {
  const c = parseEnv(schema, env, { owns: declaredBy(schema), fail: (problems) => envProblemList('Invalid accounts configuration', problems) });
  return {
    adminApiKey: c.ADMIN_API_KEY,
    publicMarketData: c.PUBLIC_MARKET_DATA,
    rateLimitPerMinute: c.RATE_LIMIT_PER_MINUTE,
    authFailuresPerMinute: c.AUTH_FAILURES_PER_MINUTE,
    apiKeyCacheMs: c.API_KEY_CACHE_MS,
    startingCreditUsd: c.ACCOUNT_STARTING_CREDIT_USD === undefined ? undefined : new Decimal(c.ACCOUNT_STARTING_CREDIT_USD).toFixed(),
    deposits: { rpcUrl: c.SOLANA_RPC_URL, rpcTimeoutMs: c.SOLANA_RPC_TIMEOUT_MS, usdcMint: c.USDC_MINT, treasuryOwner: c.TREASURY_OWNER },
  };
}
