// The appending process of B1: ledgers the file and appends it through lib/pipeline/append, then prints its
// wall time and peak RSS as JSON.
import fs from 'node:fs';
import path from 'node:path';
import { createDatabase } from '../../db/client';
import { files, instruments, sites } from '../../db/schema';
import { appendFile } from '../../lib/pipeline/append';

const [url, dataDir, file, expectedValues] = process.argv.slice(2) as [string, string, string, string];
const db = createDatabase(url, { max: 2 });
await db.insert(sites).values({ id: 'bench', name: 'Bench' });
await db.insert(instruments).values({ id: 'fast', siteId: 'bench', kind: 'campbell-toa5', name: 'fast' });
const stat = fs.statSync(file);
const relativePath = path.relative(path.join(dataDir, 'raw', 'fast'), file);
const [row] = await db.insert(files).values({ instrumentId: 'fast', relativePath, basename: path.basename(file), size: stat.size, mtime: stat.mtime, state: 'fetched' }).returning({ id: files.id });
const started = performance.now();
const result = await appendFile({ db, dataDir, fileId: row!.id });
const seconds = (performance.now() - started) / 1000;
if (result.outcome !== 'appended' || result.valuesInserted !== Number(expectedValues)) throw new Error(`unexpected result ${JSON.stringify(result)}`);
await db.$client.end();
process.stdout.write(`${JSON.stringify({ seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
