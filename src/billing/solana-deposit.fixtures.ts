// Real-shaped `getTransaction` results (encoding "json", as web3.js 1.x requests it) for USDC transfers:
// legacy and v0 messages, address lookup tables (meta.loadedAddresses + addressTableLookups), SPL
// TransferChecked and Memo instructions, pre/post token balances by accountIndex into the full key list.
// Deterministic: every key and signature is derived from a label.
import { createHash } from 'node:crypto';
import bs58 from 'bs58';
import { MAINNET_USDC_MINT } from '../accounts/accounts.config';
import { MEMO_PROGRAMS } from './usdc-deposit.verifier';

export const TOKEN_PROGRAM = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA';
const COMPUTE_BUDGET_PROGRAM = 'ComputeBudget111111111111111111111111111111';

/** A deterministic 32-byte public key (base58) for a label. */
export function simKey(label: string): string {
  return bs58.encode(createHash('sha256').update(`switchyard-sim-key:${label}`).digest());
}

/** A deterministic 64-byte transaction signature (base58) for a label. */
export function simSignature(label: string): string {
  return bs58.encode(createHash('sha512').update(`switchyard-sim-signature:${label}`).digest());
}

export interface UsdcTransferFixture {
  /** Names the fixture; the signature and every key derive from it. */
  label: string;
  version: 'legacy' | 0;
  /** Owner (wallet) of the destination token account(s). */
  destinationOwner: string;
  amountBaseUnits: bigint;
  mint?: string;
  decimals?: number;
  /** A Solana Pay reference key added as a read-only account (through the lookup table for v0). */
  reference?: string;
  memo?: string;
  /** On-chain error (meta.err); balances then do not move. */
  err?: unknown;
  /** Split the amount across two token accounts of the destination owner (ATA + another). */
  splitAcrossTwoAccounts?: boolean;
  /** The destination token account is created in the transaction (no pre balance). */
  createsDestinationAccount?: boolean;
  slot?: number;
  blockTime?: number;
}

export interface RpcTransaction {
  signature: string;
  version: 'legacy' | 0;
  /** The JSON-RPC `result` of getTransaction. */
  result: Record<string, unknown>;
}

const u64le = (n: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(n);
  return b;
};

export function buildUsdcTransfer(f: UsdcTransferFixture): RpcTransaction {
  const mint = f.mint ?? MAINNET_USDC_MINT;
  const decimals = f.decimals ?? 6;
  const payer = simKey(`${f.label}:payer`);
  const source = simKey(`${f.label}:payer-usdc`);
  const destinations = f.splitAcrossTwoAccounts ? [simKey(`${f.label}:dest-a`), simKey(`${f.label}:dest-b`)] : [simKey(`${f.label}:dest`)];
  const moved = f.err ? [0n, 0n] : f.splitAcrossTwoAccounts ? [f.amountBaseUnits - f.amountBaseUnits / 3n, f.amountBaseUnits / 3n] : [f.amountBaseUnits, 0n];
  const v0 = f.version === 0;

  // Static keys in the order the runtime requires: signer-writable, non-signer writable, non-signer read-only.
  // For v0, the destination token accounts (writable) and the reference (read-only) come from a lookup table.
  const writable = [source, ...(v0 ? [] : destinations)];
  const programs = [TOKEN_PROGRAM, COMPUTE_BUDGET_PROGRAM, ...(f.memo !== undefined ? [MEMO_PROGRAMS[0]!] : [])];
  const readonlyStatic = [mint, ...(!v0 && f.reference ? [f.reference] : []), ...programs];
  const staticKeys = [payer, ...writable, ...readonlyStatic];
  const loaded = v0 ? { writable: destinations, readonly: f.reference ? [f.reference] : [] } : { writable: [] as string[], readonly: [] as string[] };
  const allKeys = [...staticKeys, ...loaded.writable, ...loaded.readonly];
  const at = (key: string) => allKeys.indexOf(key);

  const instructions = [
    {
      programIdIndex: at(COMPUTE_BUDGET_PROGRAM),
      accounts: [],
      data: bs58.encode(Buffer.concat([Buffer.from([2]), Buffer.from(new Uint32Array([200_000]).buffer)])),
      stackHeight: null,
    },
    ...destinations.map((dest, i) => ({
      programIdIndex: at(TOKEN_PROGRAM),
      // TransferChecked: source, mint, destination, authority; the reference rides along read-only (Solana Pay).
      accounts: [at(source), at(mint), at(dest), at(payer), ...(f.reference && i === 0 ? [at(f.reference)] : [])],
      data: bs58.encode(Buffer.concat([Buffer.from([12]), u64le(moved[i]!), Buffer.from([decimals])])),
      stackHeight: null,
    })),
    ...(f.memo !== undefined
      ? [{ programIdIndex: at(MEMO_PROGRAMS[0]!), accounts: [], data: bs58.encode(Buffer.from(f.memo, 'utf8')), stackHeight: null }]
      : []),
  ];

  const balance = (index: number, owner: string, amount: bigint) => ({
    accountIndex: index,
    mint,
    owner,
    programId: TOKEN_PROGRAM,
    uiTokenAmount: {
      amount: amount.toString(),
      decimals,
      uiAmount: amount === 0n ? null : Number(amount) / 10 ** decimals,
      uiAmountString: (Number(amount) / 10 ** decimals).toString(),
    },
  });
  const sourceBefore = 5_000_000_000n;
  const destBefore = [123_000_000n, 7_000_000n];
  const preTokenBalances = [
    balance(at(source), payer, sourceBefore),
    ...destinations.flatMap((d, i) => (f.createsDestinationAccount && i === 0 ? [] : [balance(at(d), f.destinationOwner, destBefore[i]!)])),
  ];
  const totalMoved = moved.reduce((s, x) => s + x, 0n);
  const postTokenBalances = [
    balance(at(source), payer, sourceBefore - totalMoved),
    ...destinations.map((d, i) => balance(at(d), f.destinationOwner, (f.createsDestinationAccount && i === 0 ? 0n : destBefore[i]!) + moved[i]!)),
  ];
  const fee = 5000;
  const lamports = allKeys.map((_, i) => (i === 0 ? 1_000_000_000 : 2_039_280));
  const signature = simSignature(f.label);
  const err = f.err ?? null;
  return {
    signature,
    version: f.version,
    result: {
      slot: f.slot ?? 318_000_000,
      blockTime: f.blockTime ?? 1_764_000_000,
      version: f.version,
      transaction: {
        signatures: [signature],
        message: {
          accountKeys: staticKeys,
          header: { numRequiredSignatures: 1, numReadonlySignedAccounts: 0, numReadonlyUnsignedAccounts: readonlyStatic.length },
          recentBlockhash: simKey(`${f.label}:blockhash`),
          instructions,
          ...(v0
            ? {
                addressTableLookups: [
                  {
                    accountKey: simKey(`${f.label}:lookup-table`),
                    writableIndexes: destinations.map((_, i) => 3 + i),
                    readonlyIndexes: f.reference ? [11] : [],
                  },
                ],
              }
            : {}),
        },
      },
      meta: {
        err,
        status: err ? { Err: err } : { Ok: null },
        fee,
        preBalances: lamports,
        postBalances: lamports.map((l, i) => (i === 0 ? l - fee : l)),
        innerInstructions: [],
        logMessages: [
          `Program ${COMPUTE_BUDGET_PROGRAM} invoke [1]`,
          `Program ${COMPUTE_BUDGET_PROGRAM} success`,
          `Program ${TOKEN_PROGRAM} invoke [1]`,
          'Program log: Instruction: TransferChecked',
          err ? `Program ${TOKEN_PROGRAM} failed: custom program error: 0x1` : `Program ${TOKEN_PROGRAM} success`,
        ],
        preTokenBalances,
        postTokenBalances,
        rewards: [],
        loadedAddresses: loaded,
        computeUnitsConsumed: 6_200,
        costUnits: 1_500,
      },
    },
  };
}
