// The demo's file simulators on a manual clock: what a fresh start writes, how the met tower's day file
// grows and rolls over, the one-off late and corrupt files, and what a restart does.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ParseError } from '../../lib/instruments/types';
import { LATE_FILE_AFTER_MS } from '../../lib/simulators/files/instruments/mishaps';
import { SETTLED_MS } from '../../lib/simulators/files/source-folder';
import { simulatorStatePath } from '../../lib/simulators/files/state';
import { mtimeOf, parseFile, type SimulatedDemo, simulatedDemo } from '../helpers/demo-files';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
let demo: SimulatedDemo;
afterEach(() => demo?.cleanup());

/** The met tower's record times in one day file, as the real TOA5 parser reads them. */
async function recordTimes(file: string): Promise<number[]> {
  const { batches } = await parseFile('campbell-toa5', file);
  return batches.flatMap((b) => (b.type === 'scalars' ? b.rows.map((r) => r.timeMs) : []));
}

describe('demo file simulators', () => {
  it('a fresh start backfills three hours, dated when the instruments would have written them and settled', async () => {
    const now = Date.UTC(2026, 10, 21, 14, 7, 3);
    demo = simulatedDemo(now, 3 * HOUR);
    const result = await demo.simulators.tick();
    // Periods that ended (plus their write delay) in the last three hours: 1-min records, 5-min CL61 files,
    // 15-min HATPRO files, 10-min images.
    expect(result.written).toEqual({ asfs: 179, cl61: 36, hatpro: 12, cam1: 18 });
    expect(demo.files('asfs')).toEqual(['Y2026/M11/D21/asfs_Flux_20261121.dat', 'Y2026/M11/D21/asfs_Met_20261121.dat']);
    expect(demo.files('cl61').slice(0, 2)).toEqual(['2026/11/21/live_20261121_110500.nc', '2026/11/21/live_20261121_111000.nc']);
    expect(demo.files('cl61').at(-1)).toBe('2026/11/21/live_20261121_140000.nc');
    expect(demo.files('hatpro').slice(0, 3)).toEqual(['2026/11/21/261121_110000.IWV', '2026/11/21/261121_110000.LWP', '2026/11/21/261121_110000.MET']);
    expect(demo.files('cam1').at(-1)).toBe('2026/11/21/cam1_20261121_1400.jpg');

    // Each file is dated when its instrument closed it: the end of its period plus the write delay...
    expect(mtimeOf(demo.pathOf('asfs', 'Y2026/M11/D21/asfs_Met_20261121.dat'))).toBe(Date.UTC(2026, 10, 21, 14, 6, 30));
    expect(mtimeOf(demo.pathOf('cl61', '2026/11/21/live_20261121_110500.nc'))).toBe(Date.UTC(2026, 10, 21, 11, 10, 15));
    expect(mtimeOf(demo.pathOf('cam1', '2026/11/21/cam1_20261121_1400.jpg'))).toBe(Date.UTC(2026, 10, 21, 14, 0, 10));
    // ...and every one is older than source-sync's minAge, so the first sync takes the whole backfill.
    for (const instrument of ['asfs', 'cl61', 'hatpro', 'cam1']) {
      for (const file of demo.files(instrument)) expect(mtimeOf(demo.pathOf(instrument, file))).toBeLessThanOrEqual(now - SETTLED_MS);
    }
    // Whole files appear at once: no hidden partial files are left behind.
    expect(fs.readdirSync(demo.pathOf('cl61', '2026/11/21')).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('appends one parsable record per minute to the day file, and starts a new file at UTC midnight', async () => {
    demo = simulatedDemo(Date.UTC(2026, 10, 21, 23, 55, 31), 5 * MINUTE);
    await demo.simulators.tick();
    const today = demo.pathOf('asfs', 'Y2026/M11/D21/asfs_Met_20261121.dat');
    const tomorrow = demo.pathOf('asfs', 'Y2026/M11/D22/asfs_Met_20261122.dat');
    // Records are stamped at the end of their minute and written 30 s later.
    expect((await recordTimes(today)).at(-1)).toBe(Date.UTC(2026, 10, 21, 23, 55));
    for (let minute = 56; minute <= 59; minute++) {
      demo.clock.advance(60);
      await demo.simulators.tick();
      const times = await recordTimes(today);
      expect(times.at(-1)).toBe(Date.UTC(2026, 10, 21, 23, minute));
      expect(mtimeOf(today)).toBe(demo.clock.now());
    }
    expect(await recordTimes(today)).toHaveLength(9);
    expect(fs.existsSync(tomorrow)).toBe(false);

    demo.clock.advance(60); // 00:00:31: the midnight record opens the new day's file, with its own header
    await demo.simulators.tick();
    expect(await recordTimes(today)).toHaveLength(9);
    expect(await recordTimes(tomorrow)).toEqual([Date.UTC(2026, 10, 22)]);
    demo.clock.advance(120);
    await demo.simulators.tick();
    expect(await recordTimes(tomorrow)).toEqual([0, 1, 2].map((m) => Date.UTC(2026, 10, 22, 0, m)));
    expect(fs.readFileSync(tomorrow, 'latin1').match(/"TOA5"/g)).toHaveLength(1);
  });

  it('writes the corrupt file at once and the late file a few minutes later, each once per data folder', async () => {
    const start = Date.UTC(2026, 10, 21, 14, 7, 3);
    demo = simulatedDemo(start, 30 * MINUTE);
    const first = await demo.simulators.tick();
    expect(first.corruptFile).toBe('Y2026/M11/D21/asfs_Flux_20261121.dat');
    const corrupt = demo.pathOf('asfs', first.corruptFile!);
    await expect(parseFile('campbell-toa5', corrupt)).rejects.toThrow(ParseError);
    await expect(parseFile('campbell-toa5', corrupt)).rejects.toThrow(/header ends early/);
    expect(mtimeOf(corrupt)).toBe(start - MINUTE);

    demo.clock.advance(LATE_FILE_AFTER_MS / 1000 - 1);
    expect((await demo.simulators.tick()).lateFile).toBeUndefined();
    demo.clock.advance(1);
    const late = (await demo.simulators.tick()).lateFile;
    expect(late).toBe('Y2026/M11/D20/asfs_Diag_20261120.dat');
    // Dated yesterday evening: source-sync will find its day already processed.
    expect(mtimeOf(demo.pathOf('asfs', late!))).toBe(Date.UTC(2026, 10, 20, 23, 0, 40));
    const { batches } = await parseFile('campbell-toa5', demo.pathOf('asfs', late!));
    const times = batches.flatMap((b) => (b.type === 'scalars' ? b.rows.map((r) => r.timeMs) : []));
    expect(times).toHaveLength(24);
    expect(times.every((t) => t >= Date.UTC(2026, 10, 20) && t < Date.UTC(2026, 10, 21))).toBe(true);

    // A restart ten minutes later fills the gap (up to the backfill's length) and writes neither one-off file again.
    demo.clock.advance(10 * 60);
    const restarted = demo.restart();
    demo.clock.advance(3 * 60);
    const again = await restarted.tick();
    expect([again.corruptFile, again.lateFile]).toEqual([undefined, undefined]);
    expect(again.written.asfs).toBe(13);
    const met = await recordTimes(demo.pathOf('asfs', 'Y2026/M11/D21/asfs_Met_20261121.dat'));
    expect(met.every((t, i) => i === 0 || t - met[i - 1]! === MINUTE)).toBe(true);
    expect(met.at(-1)).toBe(Date.UTC(2026, 10, 21, 14, 22));
  });

  it('a restart that lost its state file rewrites its backfill without duplicating day-file records', async () => {
    demo = simulatedDemo(Date.UTC(2026, 10, 21, 14, 7, 3), 20 * MINUTE);
    await demo.simulators.tick();
    const dayFile = demo.pathOf('asfs', 'Y2026/M11/D21/asfs_Met_20261121.dat');
    const before = fs.readFileSync(dayFile, 'latin1');
    fs.rmSync(simulatorStatePath(demo.dataDir));
    demo.clock.advance(60);
    await demo.restart().tick();
    const times = await recordTimes(dayFile);
    expect(new Set(times).size).toBe(times.length);
    expect(fs.readFileSync(dayFile, 'latin1').startsWith(before)).toBe(true);
    expect(times).toHaveLength(20);
    expect(times.at(-1)).toBe(Date.UTC(2026, 10, 21, 14, 7));
  });

  it('stop() lets the write in progress finish and leaves no timer running', async () => {
    demo = simulatedDemo(Date.UTC(2026, 10, 21, 14, 7, 3), 30 * MINUTE);
    demo.simulators.start();
    await demo.simulators.stop();
    const written = demo.files('asfs');
    expect(written).toContain('Y2026/M11/D21/asfs_Flux_20261121.dat');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(demo.files('asfs')).toEqual(written);
  });
});
