// Keeping exactly one live-poll job per live instrument. How the pieces fit:
// - the queue is `singleton` and every job carries singletonKey = instrument id, so pg-boss runs at most one
//   per instrument at a time across all workers;
// - a job runs for a shift just short of the queue's expireInSeconds, then sends its successor and ends
//   (pg-boss would otherwise fail it at expiry); a heartbeat (heartbeatSeconds) lets pg-boss retry the job
//   soon after its worker dies, instead of at expiry;
// - every worker, at start and once a minute, sends a job for each live instrument that has none queued or
//   running (after retryLimit was used up, or after a shutdown); two workers racing here may queue a spare,
//   which just waits its turn behind the singleton;
// - inside the job, the poller also holds the lease `live-poll:<id>` with a fencing token, so even a job
//   pg-boss has given up on while its handler still runs cannot write beside its replacement.
import type { PgBoss } from 'pg-boss';
import type { Database } from '../db/client';
import { listPollableLiveInstruments } from '../db/queries/live';
import type { Logger } from '../lib/log';
import { queues } from './queues';

const KEEPER_INTERVAL_MS = 60_000;
const PENDING_STATES = new Set(['created', 'retry', 'active']);

/** Workers each run this many live pollers at most (one slot per instrument feed). */
export const LIVE_POLLERS_PER_WORKER = 8;

/** A job's shift: leave a margin before pg-boss's expiry for the handover. */
export const LIVE_POLL_SHIFT_MS = (queues.livePoll.options.expireInSeconds! - 900) * 1000;

export async function sendLivePoll(boss: PgBoss, instrumentId: string): Promise<string | null> {
  return boss.send(queues.livePoll.name, { instrumentId }, { ...queues.livePoll.options, singletonKey: instrumentId });
}

/** At the end of a shift: the next job, unless a spare is already queued (two keepers raced once). */
export async function sendSuccessor(boss: PgBoss, instrumentId: string): Promise<void> {
  const queued = await boss.findJobs(queues.livePoll.name, { key: instrumentId, queued: true });
  if (queued.length === 0) await sendLivePoll(boss, instrumentId);
}

/** Sends a live-poll job for every live instrument without one queued or running; returns their ids. */
export async function ensureLivePollers(boss: PgBoss, db: Database): Promise<string[]> {
  const sent: string[] = [];
  for (const instrumentId of await listPollableLiveInstruments(db)) {
    const jobs = await boss.findJobs(queues.livePoll.name, { key: instrumentId });
    if (jobs.some((job) => PENDING_STATES.has(job.state))) continue;
    await sendLivePoll(boss, instrumentId);
    sent.push(instrumentId);
  }
  return sent;
}

export function startLivePollerKeeper(boss: PgBoss, db: Database, log: Logger, intervalMs = KEEPER_INTERVAL_MS): { stop(): void } {
  const run = () =>
    ensureLivePollers(boss, db)
      .then((sent) => {
        if (sent.length > 0) log.info(`live pollers started for ${sent.join(', ')}`);
      })
      .catch((error: unknown) => log.warn({ err: error }, 'could not check the live pollers'));
  void run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
