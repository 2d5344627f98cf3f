// A campaign with a data store of known files and mirrors of it, for the mirror tests.
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../db/client';
import { syncConfigToDatabase } from '../../db/queries/config-sync';
import { configSchema, type FieldopsConfig } from '../../lib/config/schema';
import { writeSourceFile } from './source-files';

export const HOUR_MS = 3_600_000;

/** Files of the store: relative path → content, all modified an hour ago unless a time is given. */
export function writeStore(dataDir: string, files: Record<string, string | { content: string; mtimeMs: number }>): void {
  for (const [relativePath, file] of Object.entries(files)) {
    const { content, mtimeMs } = typeof file === 'string' ? { content: file, mtimeMs: Date.now() - HOUR_MS } : file;
    writeSourceFile(dataDir, relativePath, content, mtimeMs);
  }
}

/** A config with three instruments (one a webcam) and these mirrors, synced into the database. */
export async function mirrorCampaign(db: Database, mirrors: unknown[], extra: Record<string, unknown> = {}): Promise<FieldopsConfig> {
  const config = configSchema.parse({
    campaign: { name: 'Mirror test' },
    sites: [{ id: 'summit', name: 'Summit' }],
    instruments: [
      { id: 'cl61', site: 'summit', kind: 'vaisala-cl61', source: { path: '/nonexistent/cl61' } },
      { id: 'asfs', site: 'summit', kind: 'campbell-toa5', source: { path: '/nonexistent/asfs' } },
      { id: 'cam1', site: 'summit', kind: 'webcam', source: { path: '/nonexistent/cam1' } },
    ],
    mirrors,
    ...extra,
  });
  await syncConfigToDatabase(db, config);
  return config;
}

/** Every file below `dir` (hidden ones too: a leftover temporary file must be seen), relative and sorted. */
export function allFilesBelow(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .sort();
}
