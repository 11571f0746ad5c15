import type { OfferSignals } from '../../adapters/sdk';
import type { PlacementRecord } from './placement-record.reader';

/**
 * An offer's health in [0, 1]: its network's score, adjusted by the provider's own upstream signals and by
 * Switchyard's record with that provider. Offline means 0.
 */
export function offerScore(networkScore: number, signals: OfferSignals, providerRecord?: PlacementRecord): number {
  if (signals.online === false) return 0;
  let score = networkScore;
  if (typeof signals.uptime === 'number') score *= 0.5 + 0.5 * Math.min(1, Math.max(0, signals.uptime));
  if (signals.verified === false) score *= 0.7;
  if (providerRecord && providerRecord.placements >= 3 && providerRecord.successRate !== null) score *= 0.4 + 0.6 * providerRecord.successRate;
  return Math.round(score * 10_000) / 10_000;
}
