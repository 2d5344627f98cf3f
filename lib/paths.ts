// Where things are on disk. Only for code that runs outside the Next.js bundle (CLI, supervisor, workers):
// inside the bundle import.meta.url points into .next/.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function dataPaths(dataDir: string) {
  return {
    root: dataDir,
    raw: path.join(dataDir, 'raw'),
    products: path.join(dataDir, 'products'),
    logs: path.join(dataDir, 'logs'),
    run: path.join(dataDir, 'run'),
    supervisorPid: path.join(dataDir, 'run', 'supervisor.pid'),
  };
}
