import { AnswerCache } from './answer-cache';

describe('AnswerCache', () => {
  const snapshot = new Map<string, number>();

  it('answers the kept bytes for the same key and stamp until the moment the answer stops being true', () => {
    const cache = new AnswerCache();
    const sent = cache.set('gpu=h100', [7, snapshot], 2_000, '{"total":1,"label":"1× H100"}');
    expect(sent.toString('utf8')).toBe('{"total":1,"label":"1× H100"}');
    expect(cache.get('gpu=h100', [7, snapshot], 1_999)).toBe(sent);
    expect(cache.get('gpu=h100', [7, snapshot], 2_000)).toBeUndefined();
  });

  it('misses when any part of the stamp differs: a new revision, or a snapshot replaced by an equal-looking one', () => {
    const cache = new AnswerCache();
    cache.set('gpu=h100', [7, snapshot], 5_000, '{}');
    expect(cache.get('gpu=a100', [7, snapshot], 1_000)).toBeUndefined();
    expect(cache.get('gpu=h100', [8, snapshot], 1_000)).toBeUndefined();
    cache.set('gpu=h100', [7, snapshot], 5_000, '{}');
    expect(cache.get('gpu=h100', [7, new Map(snapshot)], 1_000)).toBeUndefined();
  });

  it('keeps no answer to a long key, and starts again empty when full', () => {
    const cache = new AnswerCache(2, 10);
    expect(cache.set('x'.repeat(11), [1], 5_000, '{}').toString()).toBe('{}');
    expect(cache.get('x'.repeat(11), [1], 1_000)).toBeUndefined();
    cache.set('a', [1], 5_000, '"a"');
    cache.set('b', [1], 5_000, '"b"');
    cache.set('c', [1], 5_000, '"c"');
    expect(cache.size).toBe(1);
    expect(cache.get('c', [1], 1_000)?.toString()).toBe('"c"');
  });

  it('keeps at most maxBytes of bodies: a body that would pass them starts the cache again, one larger is not kept', () => {
    const cache = new AnswerCache(1_000, 4_096, 10);
    cache.set('a', [1], 5_000, '"aaaa"');
    cache.set('a', [1], 5_000, '"aaaa"');
    expect(cache.keptBytes).toBe(6);
    cache.set('b', [1], 5_000, '"bbbb"');
    expect(cache.keptBytes).toBe(6);
    expect(cache.get('a', [1], 1_000)).toBeUndefined();
    expect(cache.get('b', [1], 1_000)?.toString()).toBe('"bbbb"');
    cache.set('c', [1], 5_000, '"ccccccccccc"');
    expect(cache.get('c', [1], 1_000)).toBeUndefined();
    expect(cache.keptBytes).toBe(6);
  });
});
