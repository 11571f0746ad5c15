// Checks the storage-provider identity a Bacalhau node claims (its `filecoin.miner` label) against the
// chain: does the miner actor exist, does it have power, which libp2p PeerId does it announce. Results
// are cached for a TTL so the chain is consulted once per sync window, never per request.
import { classifyError } from '../sdk';
import { LotusClient, RpcCall, RpcOutcome } from './lotus.client';
import { MinerInfo, MinerPower, minerInfoSchema, minerPowerSchema } from './lotus.wire';

export interface MinerVerification {
  minerId: string;
  verified: boolean;
  /** Why not verified, or a note on a verified miner (e.g. below the consensus minimum). */
  note?: string;
  peerId?: string;
  sectorSizeBytes?: number;
  /** Quality-adjusted power in bytes (decimal string). */
  qualityAdjPower?: string;
  hasMinPower?: boolean;
  /** When the chain said this (ISO-8601). */
  checkedAt: string;
}

interface CacheEntry {
  value: MinerVerification;
  expiresAt: number;
}

export class MinerVerifier {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly lotus: LotusClient,
    private readonly ttlMs: number,
    private readonly now: () => Date,
  ) {}

  /**
   * Verifications for every miner id, fetching the ones missing or expired in a single JSON-RPC batch.
   * When Lotus cannot be reached the last known answer is kept (stale beats blind); a miner never
   * checked is reported unverified with the reason, and not cached, so the next sync tries again.
   */
  async verify(minerIds: string[], signal: AbortSignal): Promise<Map<string, MinerVerification>> {
    const nowMs = this.now().getTime();
    const unique = [...new Set(minerIds)];
    const due = unique.filter((id) => (this.cache.get(id)?.expiresAt ?? 0) <= nowMs);
    if (due.length > 0) {
      try {
        const calls: RpcCall[] = due.flatMap((id) => [
          { method: 'Filecoin.StateMinerInfo', params: [id, null] },
          { method: 'Filecoin.StateMinerPower', params: [id, null] },
        ]);
        const outcomes = await this.lotus.batch(calls, signal);
        const checkedAt = new Date(nowMs).toISOString();
        due.forEach((id, i) => {
          const value = judge(id, outcomes[2 * i], outcomes[2 * i + 1], checkedAt);
          this.cache.set(id, { value, expiresAt: nowMs + this.ttlMs });
        });
      } catch (err) {
        if (signal.aborted) throw classifyError(err);
        const reason = classifyError(err).message;
        return new Map(
          unique.map((id) => [
            id,
            this.cache.get(id)?.value ?? {
              minerId: id,
              verified: false,
              note: `not checked: Lotus unavailable (${reason})`,
              checkedAt: new Date(nowMs).toISOString(),
            },
          ]),
        );
      }
    }
    return new Map(unique.map((id) => [id, this.cache.get(id)!.value]));
  }
}

/** Turns the StateMinerInfo and StateMinerPower answers for one miner into a verdict. */
export function judge(minerId: string, info: RpcOutcome, power: RpcOutcome, checkedAt: string): MinerVerification {
  if (!info.ok) {
    const unknown = /actor not found|resolution lookup failed|not found/i.test(info.error.message);
    return {
      minerId,
      verified: false,
      note: unknown ? `miner ${minerId} is not on chain (${info.error.message})` : `StateMinerInfo failed: ${info.error.message}`,
      checkedAt,
    };
  }
  const parsedInfo = minerInfoSchema.safeParse(info.result);
  if (!parsedInfo.success) return { minerId, verified: false, note: 'StateMinerInfo answered an unexpected shape', checkedAt };
  const minerInfo: MinerInfo = parsedInfo.data;
  const identity = { minerId, peerId: minerInfo.PeerId ?? undefined, sectorSizeBytes: minerInfo.SectorSize, checkedAt };
  if (!power.ok) return { ...identity, verified: false, note: `StateMinerPower failed: ${power.error.message}` };
  const parsedPower = minerPowerSchema.safeParse(power.result);
  if (!parsedPower.success) return { ...identity, verified: false, note: 'StateMinerPower answered an unexpected shape' };
  const p: MinerPower = parsedPower.data;
  const qap = p.MinerPower.QualityAdjPower;
  const withPower = { ...identity, qualityAdjPower: qap, hasMinPower: p.HasMinPower };
  if (/^0+$/.test(qap)) return { ...withPower, verified: false, note: `miner ${minerId} exists but has no power (no proven storage)` };
  return {
    ...withPower,
    verified: true,
    note: p.HasMinPower ? undefined : `miner ${minerId} has power below the consensus minimum`,
  };
}
