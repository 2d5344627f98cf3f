// The web process's single LISTEN connection: notices reach the right subscribers, and a lost connection
// comes back by itself and tells subscribers to resync.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LiveNotice } from '../../lib/live/notify';
import { NotifyHub } from '../../lib/live/notify-hub';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
let hub: NotifyHub;
beforeAll(async () => {
  t = await createTestDatabase();
  hub = new NotifyHub(t.url);
});
afterAll(async () => {
  await hub?.close();
  await t?.drop();
});

const notify = (payload: object) => t.db.execute(sql`SELECT pg_notify('fieldops_live', ${JSON.stringify(payload)})`);

describe('NotifyHub', () => {
  it('fans one connection out to the subscribers of each feed and reconnects after losing it', async () => {
    const van1: LiveNotice[] = [];
    const van2: LiveNotice[] = [];
    let resyncs = 0;
    const off1 = hub.subscribe('van1', { onNotice: (n) => van1.push(n), onResync: () => (resyncs += 1) });
    hub.subscribe('van2', { onNotice: (n) => van2.push(n), onResync: () => {} });
    await hub.ensureConnected();
    await notify({ i: 'van1', k: 'records', id: 7 });
    await notify({ i: 'van2', k: 'gap' });
    await notify({ nonsense: true });
    await vi.waitFor(() => expect(van2).toHaveLength(1));
    expect(van1).toEqual([{ instrumentId: 'van1', kind: 'records', lastId: 7 }]);
    expect(van2).toEqual([{ instrumentId: 'van2', kind: 'gap', lastId: undefined }]);

    const before = resyncs;
    await t.db.execute(sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'fieldops-live-listen' AND datname = current_database()`);
    await vi.waitFor(() => expect(resyncs).toBeGreaterThan(before), { timeout: 10_000, interval: 50 });
    await notify({ i: 'van1', k: 'state' });
    await vi.waitFor(() => expect(van1.map((n) => n.kind)).toEqual(['records', 'state']));
    const listeners = await t.db.execute(sql`SELECT 1 FROM pg_stat_activity WHERE application_name = 'fieldops-live-listen' AND datname = current_database()`);
    expect(listeners.rows).toHaveLength(1);

    off1();
    await notify({ i: 'van1', k: 'state' });
    await notify({ i: 'van2', k: 'state' });
    await vi.waitFor(() => expect(van2).toHaveLength(2));
    expect(van1).toHaveLength(2);
  });
});
