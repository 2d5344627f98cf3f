import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncConfigToDatabase } from '../../db/queries/config-sync';
import { instruments, sites } from '../../db/schema';
import { demoConfig } from '../../lib/config/demo';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

describe('config sync', () => {
  it('upserts sites and instruments, keeps secrets out, and is repeatable', async () => {
    const config = demoConfig('/srv/data');
    config.instruments.find((i) => i.id === 'van1')!.logger!.password = 'hunter2';
    await syncConfigToDatabase(t.db, config);
    const result = await syncConfigToDatabase(t.db, config);
    expect(result).toMatchObject({ sites: 2, instruments: 5, disabled: [] });
    const rows = await t.db.select().from(instruments);
    expect(rows).toHaveLength(5);
    const van = rows.find((r) => r.id === 'van1')!;
    expect(JSON.stringify(van.logger)).not.toContain('hunter2');
    expect(van.logger).toMatchObject({ hasPassword: true, table: 'Public' });
  });

  it('disables (never deletes) an instrument removed from the config, and keeps an operator\'s pause', async () => {
    await t.db.update(instruments).set({ paused: true }).where(eq(instruments.id, 'cl61'));
    const config = demoConfig('/srv/data');
    config.instruments = config.instruments.filter((i) => i.id !== 'hatpro');
    const result = await syncConfigToDatabase(t.db, config);
    expect(result.disabled).toEqual(['hatpro']);
    const [hatpro] = await t.db.select().from(instruments).where(eq(instruments.id, 'hatpro'));
    expect(hatpro).toMatchObject({ enabled: false });
    expect(hatpro!.removedFromConfigAt).toBeInstanceOf(Date);
    const [cl61] = await t.db.select().from(instruments).where(eq(instruments.id, 'cl61'));
    expect(cl61!.paused).toBe(true);

    // Back in the config: enabled again.
    await syncConfigToDatabase(t.db, demoConfig('/srv/data'));
    const [back] = await t.db.select().from(instruments).where(eq(instruments.id, 'hatpro'));
    expect(back).toMatchObject({ enabled: true, removedFromConfigAt: null });
    expect(await t.db.select().from(sites)).toHaveLength(2);
  });

  it("stores an instrument's key variables, and clears them when the config drops the list", async () => {
    const keysOf = async (id: string) => (await t.db.select().from(instruments).where(eq(instruments.id, id)))[0]!.keyVariables;
    await syncConfigToDatabase(t.db, demoConfig('/srv/data'));
    expect(await keysOf('asfs')).toEqual(demoConfig('/srv/data').instruments.find((i) => i.id === 'asfs')!.keyVariables);
    expect(await keysOf('cl61')).toBeNull();
    const config = demoConfig('/srv/data');
    delete config.instruments.find((i) => i.id === 'asfs')!.keyVariables;
    await syncConfigToDatabase(t.db, config);
    expect(await keysOf('asfs')).toBeNull();
  });
});
