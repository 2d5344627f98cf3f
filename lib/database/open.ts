// Every fieldops command needs a database: DATABASE_URL when set, else the embedded cluster under the data
// folder. A command (migrate, ingest, ...) reuses the server a running `fieldops start` keeps, or starts one
// for its own duration and stops it afterwards; the supervisor starts (or adopts) it and stops it on exit.
import fs from 'node:fs';
import { EmbeddedCluster } from '../embedded-db/cluster';
import { isProcessAlive } from '../embedded-db/process';
import type { Env } from '../env';
import { dataPaths } from '../paths';

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  /** For an embedded server: it was already running when we came (another command, or an orphan). */
  adopted: boolean;
  describe: string;
  close(): Promise<void>;
}

export async function openDatabase(
  env: Env,
  options: { owner: 'supervisor' | 'command'; log?: (line: string) => void },
): Promise<DatabaseHandle> {
  if (env.DATABASE_URL) {
    return { url: env.DATABASE_URL, embedded: false, adopted: false, describe: redact(env.DATABASE_URL), close: async () => {} };
  }
  const cluster = new EmbeddedCluster(env.dataDir, options.log);
  const server = await cluster.start();
  const where = `embedded PostgreSQL on 127.0.0.1:${server.port}, cluster ${cluster.clusterDir}`;
  return {
    url: cluster.url(server.port),
    embedded: true,
    adopted: server.adopted,
    describe: server.adopted ? `${where} (reused the server already running, pid ${server.pid})` : where,
    close: async () => {
      const supervisorRunning = liveSupervisorPid(env.dataDir) !== null;
      // A command leaves alone a server someone else started, and the one a running supervisor relies on.
      if (options.owner === 'command' && (server.adopted || supervisorRunning)) return;
      await cluster.stop({ pid: server.pid, port: server.port });
    },
  };
}

/** The pid of a `fieldops start` running on this data folder, if any (not ourselves). */
export function liveSupervisorPid(dataDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(dataPaths(dataDir).supervisorPid, 'utf8').trim());
    return pid && pid !== process.pid && isProcessAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
