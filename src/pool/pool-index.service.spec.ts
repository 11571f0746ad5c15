import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ChangeEvent, ChangeFeed } from '../coordination/change-feed';
import { OfferStore } from './offer-store';
import { PoolIndexService } from './pool-index.service';

/** Stands in for the database: a query completes on the next turn of the event loop, unless the pool closed first. */
@Injectable()
class FakeDatabase implements OnApplicationShutdown {
  closed = false;
  /** Runs as the pool starts closing (a LISTEN notice can still arrive then). */
  beforeClose: () => void = () => undefined;
  private readonly pending = new Set<(err: Error) => void>();

  query<T>(value: T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('Connection terminated'));
    return new Promise<T>((resolve, reject) => {
      this.pending.add(reject);
      setImmediate(() => {
        this.pending.delete(reject);
        if (this.closed) reject(new Error('Connection terminated'));
        else resolve(value);
      });
    });
  }

  onApplicationShutdown(): void {
    this.beforeClose();
    this.closed = true;
    for (const reject of this.pending) reject(new Error('Connection terminated'));
  }
}

describe('PoolIndexService at shutdown', () => {
  it('lets a refresh in flight finish before the database closes, and starts none after shutdown began', async () => {
    let publish: (event: ChangeEvent) => void = () => undefined;
    const loads: string[] = [];
    const moduleRef = await Test.createTestingModule({
      providers: [
        PoolIndexService,
        FakeDatabase,
        {
          provide: OfferStore,
          inject: [FakeDatabase],
          useFactory: (db: FakeDatabase) => ({
            loadLive: () => db.query([]),
            loadNetwork: (network: string) => (loads.push(network), db.query([])),
          }),
        },
        { provide: ChangeFeed, useValue: { subscribe: async (handler: (e: ChangeEvent) => void) => void (publish = handler) } },
      ],
    }).compile();
    await moduleRef.init();
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      // A notice arriving as the database closes must not start a load against it.
      moduleRef.get(FakeDatabase).beforeClose = () => publish({ type: 'offers_published', network: 'render' });
      publish({ type: 'offers_published', network: 'akash' }); // another replica's notice: a refresh starts
      await moduleRef.close();
      expect(moduleRef.get(FakeDatabase).closed).toBe(true);
      expect(errors.mock.calls.map((c) => String(c[0]))).toEqual([]);
      expect(loads).toEqual(['akash']);
    } finally {
      errors.mockRestore();
    }
  });
});
