// GET /api/v1/instruments' summaries are set-based: the same number of queries for 3 instruments as for 30
// (counted on the database connection), and each instrument's summary is the same whether it is listed
// alone or among the others. test/api/partner-api.test.ts pins the response itself over HTTP.
import { drizzle } from 'drizzle-orm/node-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncConfigToDatabase } from '../../db/queries/config-sync';
import { getVisibleInstrument, listVisibleInstruments } from '../../db/queries/instrument-access';
import * as schema from '../../db/schema';
import { summarizeInstruments } from '../../lib/api/instrument-summary';
import { configSchema } from '../../lib/config/schema';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { seedMedia, seedSeries } from '../helpers/overview-data';

const NOW = new Date('2026-11-20T12:00:00Z');
const HOUR = 3_600_000;
const towers = Array.from({ length: 27 }, (_, i) => `tower${String(i).padStart(2, '0')}`);
let t: TestDatabase;

const config = configSchema.parse({
  campaign: { name: 'summary test' },
  sites: [{ id: 'a', name: 'Alpha' }, { id: 'b', name: 'Bravo' }],
  instruments: [
    ...towers.map((id, i) => ({ id, site: i % 2 ? 'a' : 'b', kind: 'campbell-toa5', expectedInterval: '60s', source: { path: `/srv/${id}` } })),
    { id: 'ceilo', site: 'a', kind: 'vaisala-cl61', expectedInterval: '5m', source: { path: '/srv/ceilo' } },
    { id: 'cam', site: 'b', kind: 'webcam', expectedInterval: '10m', source: { path: '/srv/cam' } },
    { id: 'quiet', site: 'b', kind: 'campbell-toa5', source: { path: '/srv/quiet' } },
  ],
});

beforeAll(async () => {
  t = await createTestDatabase();
  await syncConfigToDatabase(t.db, config);
  // Tower k: 1-minute records over the last 12 - k/3 hours, two variables, the second one in a newer stream.
  for (const [k, id] of towers.entries()) {
    const fromMs = NOW.getTime() - (12 * HOUR - (k * HOUR) / 3);
    await seedSeries(t.db, { instrumentId: id, variables: [{ name: 'AirTC', unit: 'degC' }], fromMs, toMs: NOW.getTime() - 60_000, stepSeconds: 60 });
    await seedSeries(t.db, { instrumentId: id, stream: 'extra', variables: [{ name: `RH${k}`, unit: '%' }], fromMs, toMs: NOW.getTime() - 60_000, stepSeconds: 60 });
  }
  await seedSeries(t.db, { instrumentId: 'ceilo', variables: [{ name: 'beta', unit: 'sr-1 m-1', shape: 'profile' }],
    fromMs: NOW.getTime() - 6 * HOUR, toMs: NOW.getTime() - 5 * 60_000, stepSeconds: 300 });
  await seedMedia(t.db, 'cam', NOW.getTime() - 2 * HOUR, NOW.getTime() - 10 * 60_000, 600);
}, 180_000);

afterAll(async () => {
  await t?.drop();
});

/** Summaries of the scope's instruments, and how many queries that took (the instrument list included). */
async function summarize(scope: string[] | null) {
  let queries = 0;
  const counted = drizzle(t.db.$client, { schema, casing: 'snake_case', logger: { logQuery: () => void queries++ } });
  const summaries = await summarizeInstruments(counted, await listVisibleInstruments(counted, scope), NOW);
  return { summaries, queries };
}

describe('instrument summaries', () => {
  it('take the same few queries for 3 instruments as for 30', async () => {
    const three = await summarize(['tower00', 'ceilo', 'quiet']);
    const all = await summarize(null);
    expect(three.summaries.map((s) => s.id)).toEqual(['ceilo', 'quiet', 'tower00']);
    expect(all.summaries).toHaveLength(30);
    // The list, variables, coverage, which series stands for each feed, and every feed's window.
    expect(three.queries).toBe(5);
    expect(all.queries).toBe(three.queries);
  });

  it('give each instrument the summary it gets alone', async () => {
    const { summaries } = await summarize(null);
    for (const id of ['tower00', 'tower26', 'ceilo', 'cam', 'quiet']) {
      const alone = await summarizeInstruments(t.db, [(await getVisibleInstrument(t.db, id, null))!], NOW);
      expect(summaries.find((s) => s.id === id)).toEqual(alone[0]);
    }
  });

  it('measure each instrument by its own data', async () => {
    const byId = new Map((await summarize(null)).summaries.map((s) => [s.id, s]));
    const tower = (k: number) => byId.get(towers[k]!)!;
    // 12 h - k/3 h of 1-minute records in a 24 h window.
    expect(tower(0).health.completeness24h).toBe(0.5);
    expect(tower(3).health.completeness24h).toBe(Math.round(((11 * 60) / 1440) * 10_000) / 10_000);
    expect(tower(26).coverage).toEqual({ start: '2026-11-20T08:40:00.000Z', end: '2026-11-20T11:59:00.000Z' });
    expect(tower(26).variables.map((v) => [v.name, v.stream])).toEqual([['AirTC', 'main'], ['RH26', 'extra']]);
    expect(tower(26).health).toMatchObject({ state: 'up', lastRecord: '2026-11-20T11:59:00.000Z' });
    expect(byId.get('ceilo')).toMatchObject({
      variables: [{ name: 'beta', shape: 'profile' }],
      coverage: { start: '2026-11-20T06:00:00.000Z', end: '2026-11-20T11:55:00.000Z' },
      health: { completeness24h: Math.round((72 / 288) * 10_000) / 10_000 },
    });
    // The camera's records are its images; it has no variables, so no coverage.
    expect(byId.get('cam')).toMatchObject({ variables: [], coverage: { start: null, end: null }, health: { completeness24h: Math.round((12 / 144) * 10_000) / 10_000 } });
    expect(byId.get('quiet')).toMatchObject({ variables: [], coverage: { start: null, end: null }, health: { lastRecord: null, completeness24h: null } });
  });
});
