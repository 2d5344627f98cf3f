// Exactly one poller per logger: the lease table's acquire/renew/release with fencing tokens, and two
// pollers started on the same instrument (the second takes over only when the first lets go).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeFeedRecords } from '../../db/queries/live-feed';
import { acquireLease, assertLeaseHeld, LeaseLostError, releaseLease, renewLease } from '../../db/queries/leases';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { LiveHarness } from './harness';

describe('leases', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('gives a free lease to one holder and a bigger fencing token to each new holder', async () => {
    const a = await acquireLease(t.db, 'l1', 'a', 30);
    expect(a).toMatchObject({ holder: 'a', token: 1 });
    expect(await acquireLease(t.db, 'l1', 'b', 30)).toBeNull();
    expect(await renewLease(t.db, a!, 30)).toBe(true);
    await releaseLease(t.db, a!);
    const b = await acquireLease(t.db, 'l1', 'b', 30);
    expect(b).toMatchObject({ holder: 'b', token: 2 });
    expect(await renewLease(t.db, a!, 30)).toBe(false);
  });

  it('lets an expired lease be taken over, after which the old holder\'s fenced writes fail', async () => {
    const old = (await acquireLease(t.db, 'l2', 'old', 30))!;
    await t.db.execute(sql`UPDATE leases SET expires_at = now() - interval '1 second' WHERE name = 'l2'`);
    const fresh = (await acquireLease(t.db, 'l2', 'new', 30))!;
    expect(fresh.token).toBe(old.token + 1);
    await expect(t.db.transaction((tx) => assertLeaseHeld(tx, old))).rejects.toThrow(LeaseLostError);
    await expect(t.db.transaction((tx) => assertLeaseHeld(tx, fresh))).resolves.toBeUndefined();
    const write = writeFeedRecords(t.db, { instrumentId: 'x', streamId: 1, signature: '1', fieldNames: ['a'], variableIds: [1],
      records: [{ no: 1, timeMs: 0, values: [1] }], corrections: 0, lease: old }, async () => {});
    await expect(write).rejects.toThrow(/no longer held by old/);
  });
});

describe('two pollers on one logger', () => {
  let h: LiveHarness;
  afterAll(async () => {
    await h?.close();
  });

  it('never poll together: the second waits for the lease and continues where the first stopped', async () => {
    h = await LiveHarness.create();
    const first = h.start({ holder: 'poller-a' });
    await h.untilStored();
    const second = h.start({ holder: 'poller-b' });
    await h.advance(5, { stepwise: true });
    expect((await h.feed()).holder).toBe('poller-a');
    first.abort.abort();
    await expect(first.done).resolves.toMatchObject({ ended: 'stopped' });
    await h.advance(5);
    await vi.waitFor(async () => expect((await h.feed()).holder).toBe('poller-b'), { timeout: 20_000, interval: 20 });
    await h.untilStored();
    const nos = (await h.journal()).map((r) => r.no);
    expect(new Set(nos).size).toBe(nos.length);
    expect(nos.at(-1)! - nos[0]!).toBe(nos.length - 1);
    const lease = (await h.t.db.execute<{ holder: string; fencing_token: string }>(sql`SELECT holder, fencing_token FROM leases`)).rows;
    expect(lease).toEqual([{ holder: 'poller-b', fencing_token: '2' }]);
    second.abort.abort();
  });
});
