// Raw health snapshots as JSON lines, one file per UTC day: <data>/raw/ops_monitor/YYYYMMDD.jsonl. They sit
// in the raw store on purpose, so mirrors archive them with everything else and a campaign's operational
// history survives the database. Appends only; a line is written whole with one write call.
import fs from 'node:fs/promises';
import path from 'node:path';
import { dataPaths } from '../paths';

export const OPS_MONITOR_FOLDER = 'ops_monitor';

export function snapshotFilePath(dataDir: string, at: Date): string {
  const day = at.toISOString().slice(0, 10).replaceAll('-', '');
  return path.join(dataPaths(dataDir).raw, OPS_MONITOR_FOLDER, `${day}.jsonl`);
}

export async function appendSnapshotLine(dataDir: string, at: Date, snapshot: object): Promise<string> {
  const file = snapshotFilePath(dataDir, at);
  await fs.mkdir(path.dirname(file), { recursive: true });
  // O_APPEND: every line lands at the end of the file, so a second writer can never overwrite the first.
  await fs.appendFile(file, `${JSON.stringify({ time: at.toISOString(), ...snapshot })}\n`, { flag: 'a' });
  return file;
}
