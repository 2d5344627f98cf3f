// `npm start` runs us as npm → sh → node. If npm is killed with SIGKILL, nothing tells us: we would keep the
// web server and database running with nobody to stop them. So when npm started us, we watch npm's pid and
// shut down cleanly when it is gone. Run directly (systemd, a shell), there is no owner to watch.
import fs from 'node:fs';
import { isProcessAlive } from '../embedded-db/process';

function parentOf(pid: number): number | null {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces, so split after the last ')'.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) || null;
  } catch {
    return null;
  }
}

function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** The pid of the npm process that launched us, if any. */
export function findNpmOwner(): number | null {
  if (!process.env.npm_lifecycle_event) return null;
  let pid: number | null = process.ppid;
  for (let depth = 0; pid && pid > 1 && depth < 4; depth++) {
    if (/(^|\/)npm(-cli\.js)?( |$)|npm-cli\.js/.test(commandLine(pid))) return pid;
    pid = parentOf(pid);
  }
  return null;
}

/** Calls `onGone` once when `pid` no longer exists. */
export function watchOwner(pid: number, onGone: () => void): () => void {
  const timer = setInterval(() => {
    if (!isProcessAlive(pid)) {
      clearInterval(timer);
      onGone();
    }
  }, 1000);
  timer.unref();
  return () => clearInterval(timer);
}
