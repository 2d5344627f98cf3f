// The partner API's health block on the shared completeness definition: a gap listed and clipped to the
// range, records still in transit at the live edge are no gap, a future range expects nothing, and an
// instrument without a cadence reads `unknown` instead of a guess.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncConfigToDatabase } from '../../db/queries/config-sync';
import { healthHeaders, rangeHealth } from '../../lib/api/range-health';
import { configSchema } from '../../lib/config/schema';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { seedSeries } from '../helpers/overview-data';

const NOW = new Date('2026-03-01T12:00:00Z');
const ms = (s: string) => Date.parse(s);
let t: TestDatabase;

const config = configSchema.parse({
  campaign: { name: 'range health' },
  sites: [{ id: 's', name: 'Site' }],
  instruments: [
    { id: 'asfs', site: 's', kind: 'campbell-toa5', expectedInterval: '60s', source: { path: '/srv/asfs' } },
    { id: 'sodar', site: 's', kind: 'campbell-toa5', source: { path: '/srv/sodar' } },
  ],
});
const facts = (id: string, expectedIntervalSeconds: number | null) => ({ id, enabled: true, paused: false, expectedIntervalSeconds });
const range = (start: string, end: string) => ({ start: new Date(start), end: new Date(end) });

beforeAll(async () => {
  t = await createTestDatabase();
  await syncConfigToDatabase(t.db, config);
  // asfs: 1-min records until 11:52 (the last file is still on its way), with 09:00..09:30 missing.
  await seedSeries(t.db, { instrumentId: 'asfs', variables: [{ name: 'T' }], fromMs: ms('2026-03-01T06:00:00Z'), toMs: ms('2026-03-01T11:52:00Z'),
    stepSeconds: 60, holes: [[ms('2026-03-01T09:00:00Z'), ms('2026-03-01T09:30:00Z')]] });
  await seedSeries(t.db, { instrumentId: 'sodar', variables: [{ name: 'WS' }], fromMs: ms('2026-03-01T06:00:00Z'), toMs: ms('2026-03-01T11:50:00Z'), stepSeconds: 600 });
}, 120_000);

afterAll(async () => t?.drop());

describe('range health', () => {
  it('lists a gap clipped to the range, and does not call the records in transit at the live edge a gap', async () => {
    const h = await rangeHealth(t.db, facts('asfs', 60), new Date('2026-03-01T11:52:00Z'), range('2026-03-01T09:10:00Z', '2026-03-01T13:00:00Z'), NOW);
    // [09:10, 12:00): 170 expected; 09:30..11:52 present.
    expect(h).toEqual({ state: 'late', lastRecord: '2026-03-01T11:52:00.000Z', completeness: Math.round((143 / 170) * 10_000) / 10_000, gapCount: 1,
      gaps: ['2026-03-01T09:10:00.000Z/2026-03-01T09:30:00.000Z'] });
    expect(healthHeaders(h)).toMatchObject({ 'x-feed-gap-count': '1', 'x-feed-completeness': String(h.completeness) });
  });

  it('expects nothing of a range that lies in the future', async () => {
    const h = await rangeHealth(t.db, facts('asfs', 60), null, range('2026-03-02T00:00:00Z', '2026-03-03T00:00:00Z'), NOW);
    expect(h).toMatchObject({ completeness: null, gapCount: 0, gaps: [] });
  });

  it('says unknown for an instrument without a cadence rather than assuming one', async () => {
    const h = await rangeHealth(t.db, facts('sodar', null), new Date('2026-03-01T11:50:00Z'), range('2026-03-01T06:00:00Z', '2026-03-01T12:00:00Z'), NOW);
    expect(h).toMatchObject({ completeness: null, gapCount: null, gaps: [] });
    expect(healthHeaders(h)).toMatchObject({ 'x-feed-completeness': 'unknown', 'x-feed-gap-count': 'unknown' });
  });
});
