// The overview's figures on seeded data: each feed state, 24 h completeness against the cadence (scalars,
// profile-only instruments, media), today's gaps under the one gap rule, latest key values, newest quicklook.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncConfigToDatabase } from '../../db/queries/config-sync';
import { listLatestKeyValues, listRecordSeries } from '../../db/queries/overview';
import { configSchema } from '../../lib/config/schema';
import { groupOverview, loadOverviewFacts } from '../../lib/overview/load';
import { computeWindowStats } from '../../lib/overview/window-stats';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { seedMedia, seedQuicklook, seedSeries, setPaused } from '../helpers/overview-data';

const NOW = Date.parse('2026-11-20T12:00:30Z');
const MIN = 60_000;
const at = (s: string) => Date.parse(s);
let t: TestDatabase;

const config = configSchema.parse({
  campaign: { name: 'overview test' },
  sites: [{ id: 'a', name: 'Alpha' }, { id: 'b', name: 'Bravo' }],
  instruments: [
    { id: 'tower', site: 'a', kind: 'campbell-toa5', expectedInterval: '60s', source: { path: '/srv/tower' } },
    { id: 'slow', site: 'a', kind: 'campbell-toa5', expectedInterval: '60s', source: { path: '/srv/slow' } },
    { id: 'dead', site: 'a', kind: 'campbell-toa5', expectedInterval: '60s', source: { path: '/srv/dead' } },
    { id: 'held', site: 'b', kind: 'campbell-toa5', expectedInterval: '60s', source: { path: '/srv/held' } },
    { id: 'fresh', site: 'b', kind: 'campbell-toa5', expectedInterval: '60s', source: { path: '/srv/fresh' } },
    { id: 'ceilo', site: 'b', kind: 'vaisala-cl61', expectedInterval: '5m', source: { path: '/srv/ceilo' } },
    { id: 'cam', site: 'b', kind: 'webcam', expectedInterval: '10m', source: { path: '/srv/cam' } },
    { id: 'nocadence', site: 'b', kind: 'campbell-toa5', source: { path: '/srv/nocadence' } },
    // Key variables: the instrument's own list, else its kind's (vehicle-log names some), else its first three.
    { id: 'own', site: 'b', kind: 'campbell-toa5', source: { path: '/srv/own' }, keyVariables: ['WD', 'not_yet', 'AirTC'] },
    { id: 'ownabsent', site: 'b', kind: 'campbell-toa5', source: { path: '/srv/ownabsent' }, keyVariables: ['AirTC_Avg', 'RH_Avg'] },
    { id: 'vehown', site: 'b', kind: 'vehicle-log', source: { path: '/srv/vehown' }, keyVariables: ['speed', 'pressure'] },
    { id: 'vehkind', site: 'b', kind: 'vehicle-log', source: { path: '/srv/vehkind' } },
    { id: 'vehabsent', site: 'b', kind: 'vehicle-log', source: { path: '/srv/vehabsent' }, keyVariables: ['SPEED_KMH'] },
  ],
});

beforeAll(async () => {
  t = await createTestDatabase();
  await syncConfigToDatabase(t.db, config);
  const vars = [{ name: 'AirTC', unit: 'degC' }, { name: 'RH', unit: '%' }, { name: 'WS', unit: 'm s-1' }, { name: 'WD', unit: 'deg' }];
  // tower: 1-min records from yesterday 00:00 to 12:00:00 today, with holes (see the expectations below).
  await seedSeries(t.db, {
    instrumentId: 'tower', variables: vars, fromMs: at('2026-11-19T00:00:00Z'), toMs: at('2026-11-20T12:00:00Z'), stepSeconds: 60,
    holes: [
      [at('2026-11-19T15:00:00Z'), at('2026-11-19T15:30:00Z')], // yesterday, inside the 24 h window: 30 missing, no gap today
      [at('2026-11-19T23:55:00Z'), at('2026-11-20T00:05:00Z')], // across midnight: 10 missing, a gap that ends today
      [at('2026-11-20T06:00:00Z'), at('2026-11-20T06:01:00Z')], // one record: a 2-minute step, under the threshold
      [at('2026-11-20T09:00:00Z'), at('2026-11-20T09:02:00Z')], // two records: a 3-minute step, a gap
    ],
    lastRecordMissing: true,
  });
  // An older stream version whose variables stopped long ago must not stand for the instrument's records.
  await seedSeries(t.db, { instrumentId: 'tower', stream: 'old', variables: [{ name: 'Batt', unit: 'V' }],
    fromMs: at('2026-11-01T00:00:00Z'), toMs: at('2026-11-02T00:00:00Z'), stepSeconds: 3600 });
  await seedSeries(t.db, { instrumentId: 'slow', variables: vars.slice(0, 1), fromMs: NOW - 3 * 3600_000, toMs: NOW - 5 * MIN - 30_000, stepSeconds: 60 });
  await seedSeries(t.db, { instrumentId: 'dead', variables: vars.slice(0, 1), fromMs: NOW - 26 * 3600_000, toMs: NOW - 2 * 3600_000 - 30_000, stepSeconds: 60 });
  await seedSeries(t.db, { instrumentId: 'held', variables: vars.slice(0, 1), fromMs: NOW - 3600_000, toMs: NOW - 10 * MIN, stepSeconds: 60 });
  await setPaused(t.db, 'held', true);
  // ceilo: profiles only, every 5 min, one hour missing this morning.
  await seedSeries(t.db, { instrumentId: 'ceilo', variables: [{ name: 'beta_att', unit: 'm-1 sr-1', shape: 'profile' }],
    fromMs: at('2026-11-19T12:05:00Z'), toMs: at('2026-11-20T12:00:00Z'), stepSeconds: 300,
    holes: [[at('2026-11-20T03:00:00Z'), at('2026-11-20T04:00:00Z')]] });
  await seedMedia(t.db, 'cam', at('2026-11-20T00:00:00Z'), at('2026-11-20T11:50:00Z'), 600);
  await seedSeries(t.db, { instrumentId: 'nocadence', variables: vars.slice(0, 1), fromMs: NOW - 3600_000, toMs: NOW - MIN, stepSeconds: 60 });
  for (const id of ['own', 'ownabsent']) {
    await seedSeries(t.db, { instrumentId: id, variables: vars, fromMs: NOW - 3600_000, toMs: NOW - MIN, stepSeconds: 60 });
  }
  const vehicle = [{ name: 'speed', unit: 'm s-1' }, { name: 'pressure', unit: 'hPa' }, { name: 'latitude', unit: 'degree_north' },
    { name: 'temperature', unit: 'degC' }];
  for (const id of ['vehown', 'vehkind', 'vehabsent']) {
    await seedSeries(t.db, { instrumentId: id, variables: vehicle, fromMs: NOW - 3600_000, toMs: NOW - MIN, stepSeconds: 60 });
  }
  await seedQuicklook(t.db, 'tower', '2026-11-19', 'timeseries', 'products/quicklooks/tower/2026/11/19/tower_20261119_timeseries.png');
  await seedQuicklook(t.db, 'tower', '2026-11-20', 'timeseries', 'products/quicklooks/tower/2026/11/20/tower_20261120_timeseries.png');
}, 120_000);

afterAll(async () => t?.drop());

describe('overview', () => {
  it('judges each instrument: up, late, down, paused and new, grouped by site', async () => {
    const sites = groupOverview(await loadOverviewFacts(t.db), new Date(NOW));
    expect(sites.map((s) => s.siteName)).toEqual(['Alpha', 'Bravo']);
    const state = Object.fromEntries(sites.flatMap((s) => s.instruments).map((i) => [i.id, i.state]));
    expect(state).toMatchObject({ tower: 'up', slow: 'late', dead: 'down', held: 'paused', fresh: 'new', ceilo: 'up', cam: 'up' });
    const tower = sites[0]!.instruments.find((i) => i.id === 'tower')!;
    expect(tower.lastDataAt?.toISOString()).toBe('2026-11-20T12:00:00.000Z');
    expect(tower.live).toBe(false);
  });

  it('counts distinct record times over 24 h against the cadence, and gaps that end today', async () => {
    const facts = await loadOverviewFacts(t.db);
    const stats = await computeWindowStats(t.db, facts.instruments, new Date(NOW));
    // (12:00:30 yesterday, 12:00:30 today]: 1440 minutes, minus 30 + 10 + 1 + 2 missing.
    expect(stats.get('tower')).toMatchObject({ records24h: 1397, gapsToday: 2 });
    expect(stats.get('tower')!.completenessPercent).toBeCloseTo((100 * 1397) / 1440, 6);
    // 288 profiles expected, 12 missing; the missing hour is one gap.
    expect(stats.get('ceilo')).toMatchObject({ records24h: 276, gapsToday: 1 });
    // 72 images in 12 h against 144 expected in 24 h; the first one (00:00) follows nothing: no gap.
    expect(stats.get('cam')).toMatchObject({ records24h: 72, gapsToday: 0, completenessPercent: 50 });
    expect(stats.get('dead')).toMatchObject({ records24h: 22 * 60 - 1, gapsToday: 0 }); // 12:01:30 yesterday to 09:59:30
    expect(stats.has('fresh')).toBe(false); // no data: nothing to measure
    expect(stats.has('nocadence')).toBe(false); // no cadence: nothing to measure against
  });

  it('takes the series of the newest stream for an instrument with an old stream version', async () => {
    const series = (await listRecordSeries(t.db)).find((s) => s.instrumentId === 'tower')!;
    expect(series.table).toBe('observations');
    const viaMedia = (await listRecordSeries(t.db)).find((s) => s.instrumentId === 'cam')!;
    expect(viaMedia.table).toBe('media');
  });

  it('shows the latest key values with units, a NAN as null, and the first variables when the kind names none', async () => {
    const facts = await loadOverviewFacts(t.db);
    const tower = facts.keyValues.filter((v) => v.instrumentId === 'tower');
    expect(tower.map((v) => [v.name, v.unit, v.value])).toEqual([['AirTC', 'degC', null], ['RH', '%', null], ['WS', 'm s-1', null]]);
    const chosen = await listLatestKeyValues(t.db, [{ instrumentId: 'tower', choices: [['WD', 'AirTC', 'nope']] }, { instrumentId: 'slow', choices: [] }]);
    expect(chosen.map((v) => [v.instrumentId, v.name])).toEqual([['slow', 'AirTC'], ['tower', 'WD'], ['tower', 'AirTC']]);
    expect(chosen[0]!.value).toEqual(expect.any(Number));
    // Names the instrument does not have (a logger program naming them otherwise): its first variables.
    const unknownNames = await listLatestKeyValues(t.db, [{ instrumentId: 'tower', choices: [['AirTC_Avg', 'nope']] }]);
    expect(unknownNames.map((v) => v.name)).toEqual(['AirTC', 'RH', 'WS']);
    expect(chosen[0]!.time.getTime()).toBe(NOW - 6 * MIN); // the 1-min grid from 09:00:30
  });

  it("takes the config's key variables first, then the kind's, then the first three, leaving out names not (yet) there", async () => {
    const facts = await loadOverviewFacts(t.db);
    expect(facts.instruments.find((i) => i.id === 'own')!.keyVariables).toEqual(['WD', 'not_yet', 'AirTC']);
    expect(facts.instruments.find((i) => i.id === 'tower')!.keyVariables).toBeNull();
    const shown = (id: string) => facts.keyValues.filter((v) => v.instrumentId === id).map((v) => v.name);
    expect(shown('own')).toEqual(['WD', 'AirTC']); // its own list, in its order; 'not_yet' is simply not shown
    expect(shown('ownabsent')).toEqual(['AirTC', 'RH', 'WS']); // none of its names exist and the kind names none
    expect(shown('vehown')).toEqual(['speed', 'pressure']); // its own list beats the kind's
    expect(shown('vehkind')).toEqual(['temperature', 'pressure', 'latitude']); // the kind's list, as far as present
    expect(shown('vehabsent')).toEqual(['temperature', 'pressure', 'latitude']); // its names are absent: the kind's
    const own = facts.keyValues.find((v) => v.instrumentId === 'own' && v.name === 'WD')!;
    expect(own).toMatchObject({ unit: 'deg', value: expect.any(Number) });
    expect(own.time.getTime()).toBe(NOW - MIN);
  });

  it('links the newest quicklook and nothing for instruments without one', async () => {
    const sites = groupOverview(await loadOverviewFacts(t.db), new Date(NOW));
    const all = sites.flatMap((s) => s.instruments);
    expect(all.find((i) => i.id === 'tower')!.quicklook).toMatchObject({ day: '2026-11-20', kind: 'timeseries' });
    expect(all.find((i) => i.id === 'slow')!.quicklook).toBeNull();
  });
});
