// Checks printed as PASS/WARN/FAIL lines before anything starts, and kept in <data>/run/preflight.json so
// the ops pages can show what the supervisor saw.
import fs from 'node:fs';
import path from 'node:path';
import { type CheckStatus, printCheck } from './console';

export interface CheckResult {
  status: CheckStatus;
  name: string;
  detail: string;
}

export class Preflight {
  readonly results: CheckResult[] = [];

  record(status: CheckStatus, name: string, detail: string): void {
    this.results.push({ status, name, detail });
    printCheck(status, name, detail);
  }

  save(runDir: string): void {
    fs.mkdirSync(runDir, { recursive: true });
    fs.writeFileSync(path.join(runDir, 'preflight.json'), JSON.stringify({ at: new Date().toISOString(), results: this.results }, null, 2));
  }
}

/** Creates the data folder and proves it is writable. */
export function checkDataFolder(dataDir: string): string | null {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    const probe = path.join(dataDir, `.write-test-${process.pid}`);
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

export function freeBytes(dir: string): number | null {
  try {
    const stat = fs.statfsSync(dir);
    return stat.bavail * stat.bsize;
  } catch {
    return null;
  }
}
