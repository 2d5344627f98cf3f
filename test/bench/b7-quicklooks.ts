// B7 quicklooks: one instrument-day rendered from the database. A CL61-like day (17,280 profiles of 512 gates,
// one every 5 s: 8.8 M values) as a backscatter curtain, plus a 1 Hz day of four scalars (345,600 values) as a
// generic time-series plot. Compared with merely fetching the day's profiles into Node (what a renderer
// without server-side downsampling would have to do first). Prints the render time and the heap growth.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createDatabase } from '../../db/client';
import { resolveSeries } from '../../db/queries/series-catalog';
import { instruments, sites } from '../../db/schema';
import { runQuicklooks } from '../../lib/quicklooks/run-quicklooks';
import { createScratchDatabase } from '../helpers/scratch-database';
import type { BenchResult } from './report';

const DAY = '2026-11-20';
const START = `${DAY}T00:00:00Z`;

export async function benchQuicklooks(adminUrl: string): Promise<BenchResult[]> {
  const scratch = await createScratchDatabase(adminUrl, { prefix: 'fieldops_b7', migrate: true });
  const db = createDatabase(scratch.url, { max: 2 });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-b7-'));
  try {
    await db.insert(sites).values({ id: 's', name: 's' });
    await db.insert(instruments).values([{ id: 'cl61', siteId: 's', kind: 'vaisala-cl61', name: 'cl61' }, { id: 'van', siteId: 's', kind: 'campbell-dataquery', name: 'van' }]);
    const axis = { name: 'range', unit: 'm', values: Array.from({ length: 512 }, (_, i) => i * 4.8) };
    const beta = await resolveSeries(db, 'cl61', 'cl61_profiles', [{ name: 'beta_att', unit: 'm-1 sr-1', processing: null, shape: 'profile', axis }]);
    await db.execute(sql`
      INSERT INTO profiles (time, stream_id, variable_id, values)
      SELECT ${START}::timestamptz + make_interval(secs => 5 * i), ${beta.streamId}, ${beta.variableIds[0]},
             array(SELECT CASE WHEN g BETWEEN 100 + i / 200 AND 140 + i / 200 THEN 1e-4 ELSE 1e-7 * (1 + random()) END FROM generate_series(1, 512) g)::real[]
      FROM generate_series(0, 17279) i`);
    const metas = ['T', 'RH', 'WS', 'p'].map((name) => ({ name, unit: name === 'RH' ? '%' : 'x', processing: null, shape: 'scalar' as const }));
    const scalars = await resolveSeries(db, 'van', 'Public', metas);
    await db.execute(sql`
      INSERT INTO observations (time, stream_id, variable_id, value)
      SELECT ${START}::timestamptz + make_interval(secs => s), ${scalars.streamId}, v, sin(s / 3000.0) + v
      FROM generate_series(0, 86399) s, unnest(${sql.param(scalars.variableIds)}::int[]) v`);
    await db.execute(sql`ANALYZE`);

    const heapBefore = process.memoryUsage().heapUsed;
    let t0 = performance.now();
    const curtain = await runQuicklooks({ db, dataDir, instrumentId: 'cl61', day: DAY });
    const curtainSeconds = (performance.now() - t0) / 1000;
    const heapAfter = process.memoryUsage().heapUsed;
    t0 = performance.now();
    await runQuicklooks({ db, dataDir, instrumentId: 'van', day: DAY });
    const lineSeconds = (performance.now() - t0) / 1000;

    t0 = performance.now();
    const raw = await db.execute(sql`SELECT time, values FROM profiles WHERE stream_id = ${beta.streamId} AND time >= ${START}::timestamptz AND time < ${START}::timestamptz + interval '1 day'`);
    const fetchSeconds = (performance.now() - t0) / 1000;
    if (raw.rows.length !== 17_280 || curtain.images.length !== 1) throw new Error('B7 data set is not what it should be');
    return [{
      name: 'B7 quicklooks', metric: 'seconds (CL61 day curtain)', value: curtainSeconds, unit: 's',
      baselineName: 'SELECT the day\'s profiles into Node', baseline: fetchSeconds, ratio: fetchSeconds / curtainSeconds, target: 'report (no target set)',
      extra: `curtain of 17,280 x 512 values ${curtainSeconds.toFixed(2)} s (heap +${Math.round((heapAfter - heapBefore) / 1e6)} MB); ` +
        `1 Hz day of 4 scalars ${lineSeconds.toFixed(2)} s; PNG ${curtain.images[0]!.bytes} bytes`,
    }];
  } finally {
    await db.$client.end();
    await scratch.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
