// Where fetched files live: <data>/raw/<instrument>/<path relative to the instrument's source root>.
import path from 'node:path';

export function rawStoreRoot(dataDir: string, instrumentId: string): string {
  return path.join(dataDir, 'raw', instrumentId);
}

/** The raw-store path of a ledger entry; refuses relative paths that would leave the instrument's folder. */
export function rawFilePath(dataDir: string, instrumentId: string, relativePath: string): string {
  const root = rawStoreRoot(dataDir, instrumentId);
  const full = path.resolve(root, relativePath);
  if (relativePath.includes('\0') || path.isAbsolute(relativePath) || !full.startsWith(root + path.sep)) {
    throw new Error(`refusing a ledger path outside the raw store: ${JSON.stringify(relativePath)}`);
  }
  return full;
}
