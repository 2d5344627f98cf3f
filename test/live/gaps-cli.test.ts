// `fieldops gaps`: the report's layout, and the real command against a database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncConfigToDatabase } from '../../db/queries/config-sync';
import type { FeedGap } from '../../db/queries/live';
import { ensureSignedStream, openFeedGap, settleFeedGap } from '../../db/queries/live-feed';
import { formatGapReport } from '../../lib/cli/gaps';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { runFieldops } from '../helpers/fieldops-process';
import { liveConfig } from './harness';

const at = (hh: number, mm: number, ss: number) => new Date(Date.UTC(2026, 2, 1, hh, mm, ss));
const gap = (over: Partial<FeedGap>): FeedGap => ({ id: 1, fromRecord: 11, toRecord: 129, fromTime: at(12, 0, 11), toTime: at(12, 2, 9),
  missingRecords: 119, recoveredRecords: 119, filled: true, detectedAt: at(12, 2, 10), ...over });

describe('the gap report', () => {
  it('lists each gap and sums them up by size', () => {
    const text = formatGapReport([
      gap({}),
      gap({ id: 2, fromRecord: null, toRecord: null, fromTime: at(13, 0, 0), toTime: at(13, 0, 4), missingRecords: 5, recoveredRecords: 0, filled: false }),
      gap({ id: 3, fromRecord: 500, toRecord: 4099, fromTime: at(14, 0, 0), toTime: at(14, 59, 59), missingRecords: 3600, recoveredRecords: 2000, filled: false }),
    ], { instrumentId: 'van1', day: '2026-03-01', intervalMs: 1000 });
    expect(text).toBe([
      'van1: 3 gaps on 2026-03-01 (UTC), 2 not filled',
      '',
      'start                end                  length      records  kind         filled',
      '2026-03-01 12:00:11  2026-03-01 12:02:09  1 min 59 s  119      no 11–129    yes',
      '2026-03-01 13:00:00  2026-03-01 13:00:04  5 s         5        time         no',
      '2026-03-01 14:00:00  2026-03-01 14:59:59  1 h 0 min   3600     no 500–4099  partly (2000 of 3600)',
      '',
      'By size:',
      'size          gaps  filled  missing  recovered',
      '< 10 s        1     0       5        0',
      '10 s – 1 min  0     0       0        0',
      '1 – 10 min    1     1       119      119',
      '10 min – 1 h  0     0       0        0',
      '≥ 1 h         1     0       3600     2000',
      '',
    ].join('\n'));
    expect(formatGapReport([], { instrumentId: 'van1', day: null, intervalMs: 1000 })).toBe('van1: no gaps since the feed began\n');
  });
});

describe('fieldops gaps', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await syncConfigToDatabase(t.db, liveConfig('http://127.0.0.1:9'));
    const { streamId } = await ensureSignedStream(t.db, 'van1', 'Public', '1', [{ name: 'WS_ms', units: 'm/s', process: 'Smp' }]);
    const id = await openFeedGap(t.db, 'van1', streamId, { fromRecord: 11, toRecord: 20, fromTimeMs: at(12, 0, 11).getTime(), toTimeMs: at(12, 0, 20).getTime(), missing: 10 });
    await settleFeedGap(t.db, id);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('prints the gaps of a day, or all of them', async () => {
    const day = runFieldops(['gaps', 'van1', '--date', '2026-03-01'], { DATABASE_URL: t.url });
    expect(await day.exited).toBe(0);
    expect(day.output()).toMatch(/^van1: 1 gap on 2026-03-01 \(UTC\), 1 not filled\n/);
    expect(day.output()).toMatch(/2026-03-01 12:00:11 +2026-03-01 12:00:20 +10 s +10 +no 11–20 +no\n/);
    const other = runFieldops(['gaps', 'van1', '--date', '2026-03-02'], { DATABASE_URL: t.url });
    expect(await other.exited).toBe(0);
    expect(other.output()).toBe('van1: no gaps on 2026-03-02 (UTC)\n');
    const all = runFieldops(['gaps', 'van1', '--all'], { DATABASE_URL: t.url });
    expect(await all.exited).toBe(0);
    expect(all.output()).toMatch(/^van1: 1 gap since the feed began/);
  });

  it('says what is wrong with the question', async () => {
    const unknown = runFieldops(['gaps', 'cl61'], { DATABASE_URL: t.url });
    expect(await unknown.exited).toBe(2);
    expect(unknown.output()).toMatch(/no campbell-dataquery instrument 'cl61'/);
    const both = runFieldops(['gaps', 'van1', '--all', '--date', '2026-03-01'], { DATABASE_URL: t.url });
    expect(await both.exited).toBe(2);
    expect(both.output()).toMatch(/give --date or --all, not both/);
    const bad = runFieldops(['gaps', 'van1', '--date', '1 March'], { DATABASE_URL: t.url });
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toMatch(/--date expects YYYY-MM-DD, got '1 March'/);
  });
});
