// The deposit reader against real web3.js Connection calls to the simulated RPC (real HTTP on loopback).
import { Connection } from '@solana/web3.js';
import { MAINNET_USDC_MINT } from '../accounts/accounts.config';
import { buildUsdcTransfer, simKey } from './solana-deposit.fixtures';
import { SolanaDepositsSimulator } from './solana-deposits.simulator';
import { formatBaseUnits, readDepositFacts } from './usdc-deposit.verifier';

const TREASURY = simKey('treasury');
const REFERENCE = simKey('account-reference');
const expectUsdc = { mint: MAINNET_USDC_MINT, treasuryOwner: TREASURY };

describe('reading a USDC deposit from getTransaction', () => {
  let sim: SolanaDepositsSimulator;
  let conn: Connection;
  const fetch = async (signature: string, commitment: 'finalized' | 'confirmed' = 'finalized') =>
    conn.getTransaction(signature, { commitment, maxSupportedTransactionVersion: 0 });

  beforeAll(async () => {
    sim = new SolanaDepositsSimulator();
    conn = new Connection(await sim.start(), 'finalized');
  });
  afterAll(() => sim.close());

  it('reads a legacy transfer: amount to the treasury, reference among the keys', async () => {
    const sig = sim.add(
      buildUsdcTransfer({ label: 'legacy', version: 'legacy', destinationOwner: TREASURY, amountBaseUnits: 25_500_000n, reference: REFERENCE }),
    );
    const facts = readDepositFacts((await fetch(sig))!, expectUsdc);
    expect(facts).toMatchObject({ failed: false, receivedBaseUnits: 25_500_000n, decimals: 6, otherMintsReceived: [] });
    expect(facts.accountKeys).toContain(REFERENCE);
    expect(formatBaseUnits(facts.receivedBaseUnits, 6)).toBe('25.5');
  });

  it('reads a v0 transaction whose treasury account and reference come from an address lookup table', async () => {
    const tx = buildUsdcTransfer({ label: 'v0', version: 0, destinationOwner: TREASURY, amountBaseUnits: 10_000_000n, reference: REFERENCE });
    const sig = sim.add(tx);
    const res = (await fetch(sig))!;
    expect(res.version).toBe(0);
    expect(res.transaction.message.staticAccountKeys.map((k) => k.toBase58())).not.toContain(REFERENCE);
    const facts = readDepositFacts(res, expectUsdc);
    expect(facts.receivedBaseUnits).toBe(10_000_000n);
    expect(facts.accountKeys).toContain(REFERENCE);
  });

  it('sums the net delta over all of the treasury token accounts, and a destination account created in the transaction', async () => {
    const split = sim.add(
      buildUsdcTransfer({
        label: 'split',
        version: 0,
        destinationOwner: TREASURY,
        amountBaseUnits: 9_000_001n,
        splitAcrossTwoAccounts: true,
        createsDestinationAccount: true,
      }),
    );
    expect(readDepositFacts((await fetch(split))!, expectUsdc).receivedBaseUnits).toBe(9_000_001n);
  });

  it('reads the memo text', async () => {
    const sig = sim.add(buildUsdcTransfer({ label: 'memo', version: 'legacy', destinationOwner: TREASURY, amountBaseUnits: 1n, memo: 'sy:1234' }));
    expect(readDepositFacts((await fetch(sig))!, expectUsdc).memos).toEqual(['sy:1234']);
  });

  it('counts nothing for a fake mint, and names the mint', async () => {
    const fake = simKey('fake-usdc');
    const sig = sim.add(buildUsdcTransfer({ label: 'fake', version: 'legacy', destinationOwner: TREASURY, amountBaseUnits: 50_000_000n, mint: fake }));
    expect(readDepositFacts((await fetch(sig))!, expectUsdc)).toMatchObject({ receivedBaseUnits: 0n, otherMintsReceived: [fake] });
  });

  it('counts nothing when the USDC went to someone else', async () => {
    const sig = sim.add(buildUsdcTransfer({ label: 'elsewhere', version: 'legacy', destinationOwner: simKey('someone-else'), amountBaseUnits: 50_000_000n }));
    expect(readDepositFacts((await fetch(sig))!, expectUsdc).receivedBaseUnits).toBe(0n);
  });

  it('marks a failed transaction as failed', async () => {
    const sig = sim.add(
      buildUsdcTransfer({
        label: 'failed',
        version: 'legacy',
        destinationOwner: TREASURY,
        amountBaseUnits: 50_000_000n,
        err: { InstructionError: [1, { Custom: 1 }] },
      }),
    );
    expect(readDepositFacts((await fetch(sig))!, expectUsdc)).toMatchObject({ failed: true, receivedBaseUnits: 0n });
  });

  it('serves a not-yet-finalized transaction at confirmed only', async () => {
    const sig = sim.add(buildUsdcTransfer({ label: 'young', version: 'legacy', destinationOwner: TREASURY, amountBaseUnits: 1n }), { finalized: false });
    expect(await fetch(sig, 'finalized')).toBeNull();
    expect(await fetch(sig, 'confirmed')).not.toBeNull();
  });

  it('answers -32015 for a v0 transaction asked for without maxSupportedTransactionVersion, like the real RPC', async () => {
    const sig = sim.add(buildUsdcTransfer({ label: 'v0-old-client', version: 0, destinationOwner: TREASURY, amountBaseUnits: 1n }));
    await expect(conn.getTransaction(sig, { commitment: 'finalized' } as never)).rejects.toMatchObject({ code: -32015 });
  });
});
