import { OpenOrders } from './akash.open-orders';

const never = () => new AbortController().signal;
const settled = async <T>(p: Promise<T>): Promise<boolean> => {
  let done = false;
  void p.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((r) => setImmediate(r));
  return done;
};

describe('OpenOrders', () => {
  it('lets the allowed number of orders per GPU open at once and the rest in, first come first served, as they close', async () => {
    const orders = new OpenOrders(1);
    const first = await orders.acquire('h100', never());
    const second = orders.acquire('h100', never());
    const third = orders.acquire('h100', never());
    // Another GPU is not held up.
    await expect(settled(orders.acquire('a100', never()))).resolves.toBe(true);
    expect(orders.load('h100')).toEqual({ open: 1, waiting: 2 });
    expect(await settled(second)).toBe(false);
    first();
    expect(await settled(second)).toBe(true);
    expect(await settled(third)).toBe(false);
    (await second)();
    (await third)();
    expect(orders.load('h100')).toEqual({ open: 0, waiting: 0 });
  });

  it('counts a slot given back twice once', async () => {
    const orders = new OpenOrders(2);
    const release = await orders.acquire('h100', never());
    await orders.acquire('h100', never());
    release();
    release();
    expect(orders.load('h100')).toEqual({ open: 1, waiting: 0 });
  });

  it('takes a waiter that gives up out of the queue, and refuses one that had given up already', async () => {
    const orders = new OpenOrders(1);
    const first = await orders.acquire('h100', never());
    const impatient = new AbortController();
    const leaving = orders.acquire('h100', impatient.signal);
    const patient = orders.acquire('h100', never());
    impatient.abort();
    await expect(leaving).rejects.toMatchObject({ code: 'aborted' });
    expect(orders.load('h100')).toEqual({ open: 1, waiting: 1 });
    first();
    expect(await settled(patient)).toBe(true);
    await expect(orders.acquire('h100', AbortSignal.abort())).rejects.toMatchObject({ code: 'aborted' });
  });

  it('says when an order has to wait and when the wait ends, whichever way it ends', async () => {
    const orders = new OpenOrders(1);
    const seen: boolean[] = [];
    const first = await orders.acquire('h100', never(), (w) => seen.push(w));
    expect(seen).toEqual([]);
    const waiter = orders.acquire('h100', never(), (w) => seen.push(w));
    const giveUp = new AbortController();
    const leaving = orders.acquire('h100', giveUp.signal, (w) => seen.push(w));
    expect(seen).toEqual([true, true]);
    giveUp.abort();
    await expect(leaving).rejects.toMatchObject({ code: 'aborted' });
    first();
    await waiter;
    expect(seen).toEqual([true, true, false, false]);
  });
});
