// What a finalized transaction did for the treasury, read from a web3.js VersionedTransactionResponse.
// Pure. Balances are matched by owner (the token account's authority) and exact mint, and summed over
// ALL the treasury's token accounts; accountIndex points into the full key list (static keys, then the
// lookup tables' writable, then readonly addresses), which is also where a reference key may sit.
import type { VersionedTransactionResponse } from '@solana/web3.js';

export const MEMO_PROGRAMS = ['MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr', 'Memo1UhkJRfHyvLMcVucJwxXeuD728EqVDDwQDxFMNo'];

export interface DepositFacts {
  slot: number;
  blockTime: number | null;
  /** The transaction failed on chain (fees paid, nothing moved). */
  failed: boolean;
  /** Net base units of `mint` that reached accounts owned by the treasury (may be ≤ 0). */
  receivedBaseUnits: bigint;
  decimals: number;
  /** Mints other than `mint` that the treasury received (a fake "USDC" shows up here). */
  otherMintsReceived: string[];
  /** Every account key of the transaction, lookup-table addresses included. */
  accountKeys: string[];
  /** UTF-8 texts of the memo instructions. */
  memos: string[];
}

interface TokenBalance {
  accountIndex: number;
  mint: string;
  owner?: string;
  uiTokenAmount: { amount: string; decimals: number };
}

export function readDepositFacts(tx: VersionedTransactionResponse, expect: { mint: string; treasuryOwner: string }): DepositFacts {
  const message = tx.transaction.message;
  const loaded = tx.meta?.loadedAddresses;
  const accountKeys = [
    ...message.staticAccountKeys.map((k) => k.toBase58()),
    ...(loaded?.writable ?? []).map((k) => k.toBase58()),
    ...(loaded?.readonly ?? []).map((k) => k.toBase58()),
  ];
  const pre = (tx.meta?.preTokenBalances ?? []) as TokenBalance[];
  const post = (tx.meta?.postTokenBalances ?? []) as TokenBalance[];
  const treasuryOwned = (b: TokenBalance) => b.owner === expect.treasuryOwner && b.accountIndex >= 0 && b.accountIndex < accountKeys.length;

  const netByMint = new Map<string, bigint>();
  for (const [list, sign] of [
    [post, 1n],
    [pre, -1n],
  ] as const) {
    for (const b of list.filter(treasuryOwned)) netByMint.set(b.mint, (netByMint.get(b.mint) ?? 0n) + sign * BigInt(b.uiTokenAmount.amount));
  }
  const decimals = [...post, ...pre].find((b) => b.mint === expect.mint)?.uiTokenAmount.decimals ?? 6;

  const memos: string[] = [];
  for (const ix of message.compiledInstructions) {
    if (MEMO_PROGRAMS.includes(accountKeys[ix.programIdIndex] ?? '')) memos.push(Buffer.from(ix.data).toString('utf8'));
  }
  return {
    slot: tx.slot,
    blockTime: tx.blockTime ?? null,
    failed: tx.meta === null || tx.meta.err !== null,
    receivedBaseUnits: netByMint.get(expect.mint) ?? 0n,
    decimals,
    otherMintsReceived: [...netByMint].filter(([mint, net]) => mint !== expect.mint && net > 0n).map(([mint]) => mint),
    accountKeys,
    memos,
  };
}

/** Base units as a decimal string with `decimals` places (USDC: 6). */
export function formatBaseUnits(units: bigint, decimals: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const frac = digits.slice(digits.length - decimals).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${frac ? '.' + frac : ''}`;
}
