// GPUs this replica's jobs took from offers since the pool last heard from their network. An offer's count is
// what its network reported at `observedAt`; a job placed after that has taken some of it, and until the next
// sync says so, routing must not send more jobs to an offer than it has left (twenty jobs to a provider with
// two free GPUs end in nineteen failovers, or on Akash in bids far above the quote). A placement made before the
// offer was observed is already in its count and no longer subtracted. Per replica: other replicas' jobs show
// up at the next sync.
import { Injectable } from '@nestjs/common';
import type { PoolOffer } from './pool-offer';

/** Entries older than this are dropped: every network has synced since. */
const FORGET_AFTER_MS = 10 * 60_000;

export interface Taking {
  network: string;
  offerId: string;
  gpus: number;
  atMs: number;
}

@Injectable()
export class TakenCapacity {
  /** network → offer id → what was taken from it. */
  private readonly byOffer = new Map<string, Map<string, Taking[]>>();
  private count = 0;

  /** Records that a job is taking `gpus` of an offer now; the returned taking can be given back or moved. */
  take(network: string, offerId: string, gpus: number, atMs = Date.now()): Taking {
    const taking = { network, offerId, gpus, atMs };
    this.add(taking);
    if (this.count % 256 === 0) this.forget(atMs - FORGET_AFTER_MS);
    return taking;
  }

  /** The job did not get it after all (the submit failed): the offer has it again. */
  giveBack(taking: Taking): void {
    const list = this.byOffer.get(taking.network)?.get(taking.offerId);
    const at = list?.indexOf(taking) ?? -1;
    if (at < 0) return;
    list!.splice(at, 1);
    this.count--;
    if (list!.length === 0) this.byOffer.get(taking.network)!.delete(taking.offerId);
  }

  /**
   * The network placed the job, on this offer or another of its own (an Akash bid from another provider than the
   * one routed to). Recorded again as of now: a sync that ran while the job was being placed may not count it.
   */
  placed(taking: Taking, offerId: string, atMs = Date.now()): Taking {
    this.giveBack(taking);
    return this.take(taking.network, offerId, taking.gpus, atMs);
  }

  /** GPUs taken from this offer since it was observed. */
  takenFrom(offer: Pick<PoolOffer, 'network' | 'offerId' | 'observedAt'>): number {
    if (this.count === 0) return 0;
    const list = this.byOffer.get(offer.network)?.get(offer.offerId);
    if (!list) return 0;
    const observedMs = Date.parse(offer.observedAt);
    let gpus = 0;
    for (const t of list) if (t.atMs >= observedMs) gpus += t.gpus;
    return gpus;
  }

  get size(): number {
    return this.count;
  }

  private add(taking: Taking): void {
    let offers = this.byOffer.get(taking.network);
    if (!offers) this.byOffer.set(taking.network, (offers = new Map()));
    const list = offers.get(taking.offerId);
    if (list) list.push(taking);
    else offers.set(taking.offerId, [taking]);
    this.count++;
  }

  private forget(beforeMs: number): void {
    for (const offers of this.byOffer.values()) {
      for (const [offerId, list] of offers) {
        const kept = list.filter((t) => t.atMs >= beforeMs);
        this.count -= list.length - kept.length;
        if (kept.length) offers.set(offerId, kept);
        else offers.delete(offerId);
      }
    }
  }
}
