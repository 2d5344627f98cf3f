// The demo campaign's archive: the real demo simulators write, source-sync brings their files into the
// data store, the seeder fills the archive in its dated layout minus the files it deliberately loses, and
// the demo mirror's own verification reports exactly those files missing, nothing else, until a sync.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncConfigToDatabase } from '../../db/queries/config-sync';
import { demoArchiveDir, demoConfig } from '../../lib/config/demo';
import type { FieldopsConfig } from '../../lib/config/schema';
import { isLostByDemoArchive, seedDemoArchive } from '../../lib/mirrors/demo-archive';
import { basenameOf } from '../../lib/mirrors/groups';
import { mirrorHops } from '../../lib/mirrors/hops';
import { syncMirror } from '../../lib/mirrors/sync';
import { verifyHop } from '../../lib/mirrors/verify';
import { syncInstrumentSource } from '../../lib/pipeline/source-sync';
import { desiredSchedules } from '../../workers/schedules';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { type SimulatedDemo, simulatedDemo } from '../helpers/demo-files';
import { allFilesBelow } from '../helpers/mirror-fixtures';

const WINDOW = { start: '2026-11-01', end: '2026-11-30' };
let t: TestDatabase;
let demo: SimulatedDemo;
let config: FieldopsConfig;

beforeAll(async () => {
  t = await createTestDatabase();
  demo = simulatedDemo(Date.UTC(2026, 10, 21, 14, 7, 3), 3 * 3_600_000);
  config = demoConfig(demo.dataDir, { loggerUrl: 'http://127.0.0.1:9' });
  await syncConfigToDatabase(t.db, config);
  await demo.simulators.tick();
  for (const instrument of config.instruments.filter((i) => i.source)) {
    await syncInstrumentSource({ db: t.db, instrument, dataDir: demo.dataDir, now: new Date(demo.clock.now()), enqueueAppend: async () => {} });
  }
});
afterAll(async () => {
  await t?.drop();
  demo?.cleanup();
});

describe('the demo archive', () => {
  it('holds the data store in dated folders, minus a few files it deliberately lost, and a verify reports exactly those', async () => {
    const store = allFilesBelow(`${demo.dataDir}/raw`).map((p) => `raw/${p}`);
    expect(store.length).toBeGreaterThan(50);
    const seeded = await seedDemoArchive(demo.dataDir);
    const expectedLost = store.filter((p) => isLostByDemoArchive(basenameOf(p)));
    expect(seeded.lost.sort()).toEqual(expectedLost.sort());
    // A handful: enough to show, few enough to read.
    expect(expectedLost.length).toBeGreaterThanOrEqual(1);
    expect(expectedLost.length).toBeLessThanOrEqual(12);
    expect(seeded.copied).toBe(store.length - expectedLost.length);

    const archived = allFilesBelow(demoArchiveDir(demo.dataDir));
    expect(archived.length).toBe(seeded.copied);
    // Another layout than the store's: dated folders per instrument, compared by basename.
    expect(archived.every((p) => /^raw\/[a-z0-9]+\/\d{4}\/\d{2}\/\d{2}\/[^/]+$/.test(p))).toBe(true);
    expect(new Set(archived)).not.toEqual(new Set(store));

    const hop = mirrorHops(config, demo.dataDir, 'archive')[0]!;
    const { totals, auditId } = await verifyHop({ db: t.db, hop, window: WINDOW });
    expect(totals).toMatchObject({ outcome: 'missing', missingOnTarget: expectedLost.length, missingOnSource: 0, differs: 0, sourceCount: store.length });
    const items = await t.db.query.mirrorAuditItems.findMany({ where: (i, { eq }) => eq(i.auditId, auditId) });
    expect(items.map((i) => i.relativePath).sort()).toEqual(expectedLost.sort());
  });

  it('copies nothing on a round over an unchanged store, and a sync makes the next verify ok', async () => {
    const again = await seedDemoArchive(demo.dataDir);
    expect(again.copied).toBe(0);
    const hop = mirrorHops(config, demo.dataDir, 'archive')[0]!;
    const sync = await syncMirror({ db: t.db, hop });
    expect(sync.copiedNew).toBe(again.lost.length);
    expect((await verifyHop({ db: t.db, hop, window: WINDOW })).totals).toMatchObject({ outcome: 'ok', missingOnTarget: 0, missingOnSource: 0 });
    // The lost files stay lost for the seeder; the copies the sync made are what fills the gap.
    expect(fs.existsSync(demoArchiveDir(demo.dataDir))).toBe(true);
  });

  it('verifies the demo mirror every five minutes, so a fresh start shows its audit soon', () => {
    expect(desiredSchedules(config)).toContainEqual({ queue: 'mirror-verify', key: 'archive', cron: '2-59/5 * * * *', data: { mirrorId: 'archive' } });
  });
});
