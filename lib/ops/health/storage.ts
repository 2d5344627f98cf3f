// Disk space of every folder fieldops writes to or reads from (data store, raw store, products, local
// instrument sources and mirror targets), one reading per filesystem, plus the database's size. A hung
// network mount must not hang the collector: each statfs gets a few seconds.
import fs from 'node:fs/promises';
import path from 'node:path';
import { getDatabaseSize, type Executor } from '../../../db/queries/ops-health';
import type { FieldopsConfig } from '../../config/schema';
import { dataPaths } from '../../paths';
import { reading, type CollectorResult, type HealthReading } from './types';

const STATFS_TIMEOUT_MS = 5000;

/** Local folders worth watching, in the order they are reported (the first folder names its filesystem). */
export function dataFolders(config: FieldopsConfig, dataDir: string): string[] {
  const paths = dataPaths(dataDir);
  const local = (p: string) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(p);
  const folders = [paths.root, paths.raw, paths.products];
  for (const inst of config.instruments) if (inst.enabled && inst.source && local(inst.source.path)) folders.push(inst.source.path);
  for (const mirror of config.mirrors) if (local(mirror.target.path)) folders.push(mirror.target.path);
  return [...new Set(folders.map((f) => path.resolve(f)))];
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function collectDisks(folders: string[], timeoutMs = STATFS_TIMEOUT_MS): Promise<CollectorResult> {
  const readings: HealthReading[] = [];
  const raw: Record<string, unknown>[] = [];
  const seenDevices = new Map<number, string>();
  for (const folder of folders) {
    try {
      const stat = await withTimeout(fs.stat(folder), timeoutMs, `stat ${folder}`);
      const sameAs = seenDevices.get(stat.dev);
      if (sameAs !== undefined) {
        raw.push({ path: folder, sameFilesystemAs: sameAs });
        continue;
      }
      seenDevices.set(stat.dev, folder);
      const fsStat = await withTimeout(fs.statfs(folder), timeoutMs, `statfs ${folder}`);
      const size = fsStat.blocks * fsStat.bsize;
      const free = fsStat.bavail * fsStat.bsize;
      const used = (fsStat.blocks - fsStat.bfree) * fsStat.bsize;
      // Like df: used / (used + available to unprivileged users), so reserved blocks count as full.
      const usedPercent = used + free > 0 ? Math.round((1000 * used) / (used + free)) / 10 : 0;
      const labels = { path: folder };
      const component = `disk:${folder}`;
      readings.push(reading(component, 'disk_used_percent', labels, usedPercent), reading(component, 'disk_free_bytes', labels, free),
        reading(component, 'disk_size_bytes', labels, size));
      raw.push({ path: folder, sizeBytes: size, freeBytes: free, usedPercent });
    } catch (error) {
      // A missing folder (a source not mounted yet) is reported in the raw file but is not a reading: the
      // instrument's feed age is what tells that its data stopped.
      raw.push({ path: folder, error: (error as Error).message });
    }
  }
  return { readings, raw };
}

export async function collectDatabaseSize(db: Executor): Promise<CollectorResult> {
  const size = await getDatabaseSize(db);
  return { readings: [reading('database', 'database_size_bytes', {}, size)], raw: { sizeBytes: size } };
}
