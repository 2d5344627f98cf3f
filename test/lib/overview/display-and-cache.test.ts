// The overview's pure parts: value formatting, quicklook URLs from hostile stored paths, and the cache that
// decides how often twenty visitors cost a set of queries (driven by a manual clock, not by sleeping).
import { describe, expect, it } from 'vitest';
import { formatValue, quicklookUrl } from '../../../lib/overview/display';
import { freshCache } from '../../../lib/overview/fresh-cache';

describe('overview display', () => {
  it('formats values compactly and shows missing ones as a dash', () => {
    expect(formatValue(1234.56)).toBe('1,234.6');
    expect(formatValue(-3.14159)).toBe('-3.14');
    expect(formatValue(0.0012345)).toBe('0.00123');
    expect(formatValue(null)).toBe('—');
    expect(formatValue(Number.NaN)).toBe('—');
    expect(formatValue(Number.POSITIVE_INFINITY)).toBe('—');
  });

  it('keeps quicklook links inside the served tree whatever the stored path holds', () => {
    expect(quicklookUrl('products/quicklooks/cl61/2026/11/20/cl61 day.png')).toBe('/products/quicklooks/cl61/2026/11/20/cl61%20day.png');
    expect(quicklookUrl('../../etc/passwd')).toBe('/etc/passwd');
    expect(quicklookUrl('products/../../x.png')).toBe('/products/x.png');
    expect(quicklookUrl('//evil.example/x.png')).toBe('/evil.example/x.png');
    expect(quicklookUrl('products\\..\\x.png')).toBe('/products/x.png');
    expect(quicklookUrl('p/"><script>alert(1)</script>?.png')).toBe('/p/%22%3E%3Cscript%3Ealert(1)%3C/script%3E%3F.png');
  });
});

describe('fresh cache', () => {
  function counter() {
    let clock = 0;
    let loads = 0;
    let fail = false;
    let release: (() => void) | null = null;
    let hold = false;
    const cache = freshCache(async () => {
      loads += 1;
      const n = loads;
      if (hold) await new Promise<void>((r) => (release = r));
      if (fail) throw new Error('database away');
      return n;
    }, { freshMs: 1000, maxStaleMs: 5000, now: () => clock });
    return {
      cache,
      tick: (ms: number) => (clock += ms),
      loads: () => loads,
      failNext: (f: boolean) => (fail = f),
      holdNext: (h: boolean) => (hold = h),
      release: () => release?.(),
    };
  }

  it('loads once for any number of concurrent first requests, then serves the value while fresh', async () => {
    const c = counter();
    expect(await Promise.all([c.cache.get(), c.cache.get(), c.cache.get()])).toEqual([1, 1, 1]);
    c.tick(1000);
    expect(await c.cache.get()).toBe(1);
    expect(c.loads()).toBe(1);
  });

  it('serves a stale value at once while one refresh runs, and the refreshed value after', async () => {
    const c = counter();
    await c.cache.get();
    c.tick(2000);
    c.holdNext(true);
    expect(await Promise.all([c.cache.get(), c.cache.get()])).toEqual([1, 1]);
    expect(c.loads()).toBe(2);
    c.release();
    await expect.poll(() => c.cache.get()).toBe(2);
    expect(c.loads()).toBe(2);
  });

  it('waits for the refresh when the value is too old, and does not keep a failure', async () => {
    const c = counter();
    await c.cache.get();
    c.tick(6000);
    c.failNext(true);
    await expect(c.cache.get()).rejects.toThrow('database away');
    c.failNext(false);
    expect(await c.cache.get()).toBe(3);
  });

  it('forgets everything on clear', async () => {
    const c = counter();
    await c.cache.get();
    c.cache.clear();
    expect(await c.cache.get()).toBe(2);
  });
});
