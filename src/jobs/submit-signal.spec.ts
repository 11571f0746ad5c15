import { submitSignal } from './submit-signal';

describe('submitSignal', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('gives work at the network its fixed time', () => {
    const clock = submitSignal(1_000, new Date(Date.now() + 60_000));
    jest.advanceTimersByTime(999);
    expect(clock.signal.aborted).toBe(false);
    jest.advanceTimersByTime(1);
    expect(clock.signal.aborted).toBe(true);
    expect((clock.signal.reason as Error).name).toBe('TimeoutError');
  });

  it('lets a wait for a turn last until the job’s deadline, then gives the work its full time again', () => {
    const clock = submitSignal(1_000, new Date(Date.now() + 60_000));
    jest.advanceTimersByTime(500);
    clock.waiting(true);
    jest.advanceTimersByTime(30_000);
    expect(clock.signal.aborted).toBe(false);
    clock.waiting(false);
    jest.advanceTimersByTime(999);
    expect(clock.signal.aborted).toBe(false);
    jest.advanceTimersByTime(1);
    expect(clock.signal.aborted).toBe(true);
  });

  it('gives up a wait at the deadline, and stops counting once disposed', () => {
    const waited = submitSignal(1_000, new Date(Date.now() + 5_000));
    waited.waiting(true);
    jest.advanceTimersByTime(5_000);
    expect(waited.signal.aborted).toBe(true);
    expect((waited.signal.reason as Error).message).toMatch(/deadline/);
    const done = submitSignal(1_000, new Date(Date.now() + 5_000));
    done.dispose();
    jest.advanceTimersByTime(10_000);
    expect(done.signal.aborted).toBe(false);
  });
});
