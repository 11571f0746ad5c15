// GPUs this replica's jobs took from offers since the pool last heard from their network. An offer's count is
// what its network reported at `observedAt`; a job placed after that has taken some of it, and until the next
// sync says so, routing must not send more jobs to an offer than it has left (twenty jobs to a provider with
// two free GPUs end in nineteen failovers, or on Akash in bids far above the quote). A placement made before the
// offer was observed is already in its count and no longer subtracted, and an attempt that ended has given its
// GPUs back. Per replica: other replicas' jobs show up at the next sync.
import { Injectable } from '@nestjs/common';
import type { PoolOffer } from './pool-offer';

/** Entries older than this are dropped: every network has synced since. */
const FORGET_AFTER_MS = 10 * 60_000;

export interface Taking {
  network: string;
  offerId: string;
  gpus: number;
  atMs: number;
  /** The job attempt holding the GPUs: when it ends they are the network's again. */
  attemptId: string;
}

@Injectable()
export class TakenCapacity {
  /** network → offer id → what was taken from it. */
  private readonly byOffer = new Map<string, Map<string, Taking[]>>();
  private readonly byAttempt = new Map<string, Taking>();
  private changes = 0;

  /** Records that a job attempt is taking `gpus` of an offer now. */
  take(attemptId: string, network: string, offerId: string, gpus: number, atMs = Date.now()): Taking {
    this.release(attemptId);
    const taking = { network, offerId, gpus, atMs, attemptId };
    this.add(taking);
    return taking;
  }

  /** The attempt did not get the GPUs (its submit failed) or gave them back (it ended): the offer has them again. */
  release(attemptId: string): void {
    const taking = this.byAttempt.get(attemptId);
    if (!taking) return;
    this.byAttempt.delete(attemptId);
    this.changes++;
    const list = this.byOffer.get(taking.network)?.get(taking.offerId);
    const at = list?.indexOf(taking) ?? -1;
    if (at < 0) return;
    list!.splice(at, 1);
    if (list!.length === 0) this.byOffer.get(taking.network)!.delete(taking.offerId);
  }

  /** The attempts holding GPUs here, to ask which have ended elsewhere (another replica followed them). */
  attemptIds(): string[] {
    return [...this.byAttempt.keys()];
  }

  /**
   * The network placed the attempt, on the offer routed to or another of its own (an Akash bid from another
   * provider). Recorded again as of now: a sync that ran while the job was being placed may not count it.
   */
  placed(attemptId: string, offerId: string, atMs = Date.now()): void {
    const taking = this.byAttempt.get(attemptId);
    if (taking) this.take(attemptId, taking.network, offerId, taking.gpus, atMs);
  }

  /** GPUs taken from this offer since it was observed. */
  takenFrom(offer: Pick<PoolOffer, 'network' | 'offerId' | 'observedAt'>): number {
    if (this.byAttempt.size === 0) return 0;
    const list = this.byOffer.get(offer.network)?.get(offer.offerId);
    if (!list) return 0;
    const observedMs = Date.parse(offer.observedAt);
    let gpus = 0;
    for (const t of list) if (t.atMs >= observedMs) gpus += t.gpus;
    return gpus;
  }

  get size(): number {
    return this.byAttempt.size;
  }

  /** Increases whenever what is taken changes: lets callers keep answers made from it (QuoteService.stamp). */
  get version(): number {
    return this.changes;
  }

  private add(taking: Taking): void {
    let offers = this.byOffer.get(taking.network);
    if (!offers) this.byOffer.set(taking.network, (offers = new Map()));
    const list = offers.get(taking.offerId);
    if (list) list.push(taking);
    else offers.set(taking.offerId, [taking]);
    this.byAttempt.set(taking.attemptId, taking);
    this.changes++;
  }

  /** Drops what is older than every sync's view (long-running attempts the host would otherwise keep asking about). */
  forgetStale(nowMs = Date.now()): void {
    for (const taking of [...this.byAttempt.values()]) if (taking.atMs < nowMs - FORGET_AFTER_MS) this.release(taking.attemptId);
  }
}
