// End to end on a real database: the demo simulators write, source-sync (with the demo campaign's own
// instrument configs) copies and ledgers, the append stage parses and stores. A newcomer's first minutes:
// files appended, the grown day file appended again from where it stopped, yesterday's late file flagged
// `late`, the corrupt file `quarantined` with the parser's reason.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoConfig } from '../../lib/config/demo';
import { appendFile, type AppendResult } from '../../lib/pipeline/append';
import { syncInstrumentSource } from '../../lib/pipeline/source-sync';
import { LATE_FILE_AFTER_MS } from '../../lib/simulators/files/instruments/mishaps';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { parseFile, type SimulatedDemo, simulatedDemo } from '../helpers/demo-files';
import { ensureInstrument } from '../helpers/ledger';
import { ledgerRows } from '../helpers/source-files';

let t: TestDatabase;
let demo: SimulatedDemo;
const appended: AppendResult[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  demo = simulatedDemo(Date.UTC(2026, 10, 21, 14, 7, 3), 60 * 60_000);
  await demo.simulators.tick();
  for (const instrument of demoConfig(demo.dataDir).instruments) await ensureInstrument(t.db, instrument.id, instrument.kind);
});
afterAll(async () => {
  await t?.drop();
  demo?.cleanup();
});

/** One scheduled sync of a demo instrument at the simulated now, with each fetched file appended at once. */
function sync(id: string) {
  const instrument = demoConfig(demo.dataDir).instruments.find((i) => i.id === id)!;
  return syncInstrumentSource({
    db: t.db, instrument, dataDir: demo.dataDir, now: new Date(demo.clock.now()),
    enqueueAppend: async (fileId) => void appended.push(await appendFile({ db: t.db, dataDir: demo.dataDir, fileId })),
  });
}

describe('the demo campaign through source-sync and append', () => {
  it('met tower: the day file appended and appended again as it grows, the late file flagged, the corrupt one quarantined', async () => {
    const first = await sync('asfs');
    expect(first).toMatchObject({ new: 2, late: 0, settling: 0, errors: [] });

    // A few minutes on: more records in the day file, and yesterday's diagnostics file turns up.
    demo.clock.advance(LATE_FILE_AFTER_MS / 1000);
    expect((await demo.simulators.tick()).lateFile).toBe('Y2026/M11/D20/asfs_Diag_20261120.dat');
    const second = await sync('asfs');
    expect(second).toMatchObject({ new: 1, changed: 1, late: 1, errors: [] });

    const rows = await ledgerRows(t.db, 'asfs');
    const byName = Object.fromEntries(rows.map((r) => [r.basename, r]));
    expect(rows.map((r) => [r.basename, r.state, r.late])).toEqual([
      ['asfs_Diag_20261120.dat', 'appended', true],
      ['asfs_Flux_20261121.dat', 'quarantined', false],
      ['asfs_Met_20261121.dat', 'appended', false],
    ]);
    expect(byName['asfs_Flux_20261121.dat']!.error).toMatch(/header ends early/);
    expect(byName['asfs_Diag_20261120.dat']!.rowsAppended).toBe(24);
    const dayFile = demo.pathOf('asfs', 'Y2026/M11/D21/asfs_Met_20261121.dat');
    const times = (await parseFile('campbell-toa5', dayFile)).batches.flatMap((b) => b.rows.map((r) => r.timeMs));
    expect(times.length).toBe(59 + LATE_FILE_AFTER_MS / 60_000);
    // Appended twice, the second time only the new records: every record exactly once.
    expect(byName['asfs_Met_20261121.dat']).toMatchObject({ rowsAppended: times.length, valuesAppended: times.length * 12, attempts: 2 });
    expect(byName['asfs_Met_20261121.dat']!.dataEnd).toEqual(new Date(times.at(-1)!));
  });

  it('radiometer: every LWP, IWV and MET file of the last hour appended', async () => {
    const result = await sync('hatpro');
    expect(result).toMatchObject({ new: 12, late: 0, settling: 0, errors: [] });
    const rows = await ledgerRows(t.db, 'hatpro');
    expect(new Set(rows.map((r) => r.state))).toEqual(new Set(['appended']));
    expect(rows.every((r) => r.rowsAppended === 180)).toBe(true);
    expect(rows.map((r) => path.extname(r.basename)).sort().slice(0, 4)).toEqual(['.IWV', '.IWV', '.IWV', '.IWV']);
  });

  it('ceilometer: every CL61 file of the last hour appended', async () => {
    const result = await sync('cl61');
    expect(result).toMatchObject({ new: 12, late: 0, settling: 0, errors: [] });
    const rows = await ledgerRows(t.db, 'cl61');
    expect(rows.map((r) => [r.state, r.error])).toEqual(rows.map(() => ['appended', null]));
  });
});
