import { describe, expect, it } from 'vitest';
import { contentKey, PartCache } from './part-cache';

describe('PartCache', () => {
  it('computes a part once per content and keys by content, not identity', async () => {
    const cache = new PartCache();
    let computed = 0;
    const render = () =>
      cache.get(
        contentKey('front', { title: 'Rådmandsmøde' }),
        () => ++computed,
        () => 1,
      );
    expect(await render()).toBe(1);
    expect(await render()).toBe(1);
    expect(computed).toBe(1);
    expect(contentKey(new Uint8Array([1, 2]))).toBe(contentKey(Uint8Array.from([1, 2])));
    expect(contentKey('a', 'bc')).not.toBe(contentKey('ab', 'c'));
  });

  it('drops the least recently used parts when over its size', async () => {
    const cache = new PartCache(10);
    const put = (key: string) =>
      cache.get(
        key,
        () => key,
        () => 4,
      );
    await put('a');
    await put('b');
    await put('a');
    await put('c');
    let recomputed = '';
    await cache.get(
      'b',
      () => (recomputed = 'b'),
      () => 4,
    );
    expect(recomputed).toBe('b');
    recomputed = '';
    await cache.get(
      'a',
      () => (recomputed = 'a'),
      () => 4,
    );
    expect(recomputed).toBe('a');
  });
});
