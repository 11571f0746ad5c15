import { DispatchCapacity } from './dispatch-capacity';

describe('DispatchCapacity', () => {
  it('gives each network its own places: a full network does not hold back the others', async () => {
    const c = new DispatchCapacity(2, 100);
    await c.place('akash');
    await c.place('akash');
    let third = false;
    void c.place('akash').then(() => (third = true));
    const render = await c.place('render');
    expect(c.load('akash')).toEqual({ working: 2, queued: 1 });
    expect(c.load('render')).toEqual({ working: 1, queued: 0 });
    render.release();
    await Promise.resolve();
    expect(third).toBe(false);
  });

  it('hands a place to the next submit queued for that network when one is given back', async () => {
    const c = new DispatchCapacity(1, 100);
    const first = await c.place('filecoin');
    const queued: number[] = [];
    const second = c.place('filecoin', (ahead) => queued.push(ahead));
    expect(queued).toEqual([0]);
    first.release();
    first.release();
    await second;
    expect(c.load('filecoin')).toEqual({ working: 1, queued: 0 });
  });

  it('lets a submit waiting for its turn at the network give its place back meanwhile', async () => {
    const c = new DispatchCapacity(1, 100);
    const waiting = await c.place('akash');
    waiting.pause();
    const next = await c.place('akash');
    expect(c.load('akash').working).toBe(1);
    waiting.resume();
    expect(c.load('akash').working).toBe(2);
    next.release();
    waiting.release();
    expect(c.load('akash').working).toBe(0);
  });

  it('claims no more than the routing places and the held cap leave room for', () => {
    const c = new DispatchCapacity(3, 4);
    expect(c.room()).toBe(3);
    c.claimed();
    c.claimed();
    expect(c.room()).toBe(1);
    c.routed();
    c.routed();
    // Both went on to networks: routing places are free, but the held cap counts them until they are done.
    c.claimed();
    c.claimed();
    expect(c.room()).toBe(0);
    c.done();
    expect(c.room()).toBe(1);
  });
});
