// Holds a lease for as long as a poller runs: acquires it (waiting out a previous holder's expiry, which is
// how a crashed worker's feed gets taken over), renews it in the background, and raises `lost` when it can
// no longer prove it is the holder, so the poller stops before anyone else starts.
import type { Database } from '../../db/client';
import { acquireLease, type LeaseGrant, releaseLease, renewLease } from '../../db/queries/leases';
import { abortableSleep } from './poller';

export interface HeldLease {
  grant: LeaseGrant;
  /** Aborted when the lease was taken over or could not be renewed in time. */
  lost: AbortSignal;
  release(): Promise<void>;
}

export class LeaseBusyError extends Error {}

export interface LeaseOptions {
  ttlSeconds: number;
  /** How long to wait for a current holder to let go (or expire) before giving up. */
  waitMs: number;
  signal: AbortSignal;
}

export async function holdLease(db: Database, name: string, holder: string, options: LeaseOptions): Promise<HeldLease> {
  const deadline = Date.now() + options.waitMs;
  let grant = await acquireLease(db, name, holder, options.ttlSeconds);
  while (!grant) {
    if (Date.now() >= deadline || options.signal.aborted) {
      throw new LeaseBusyError(`${name} is held by another poller; still busy after ${Math.round(options.waitMs / 1000)} s`);
    }
    await abortableSleep(1000, options.signal);
    grant = await acquireLease(db, name, holder, options.ttlSeconds);
  }
  const held = grant;
  const lost = new AbortController();
  let lastRenewed = Date.now();
  const timer = setInterval(() => {
    renewLease(db, held, options.ttlSeconds)
      .then((ok) => {
        if (ok) lastRenewed = Date.now();
        else lost.abort(new Error(`lease ${name} was taken over`));
      })
      .catch(() => {
        // A database blip: the lease is still ours until it expires; past that, someone else may hold it.
        if (Date.now() - lastRenewed > options.ttlSeconds * 1000) lost.abort(new Error(`lease ${name} could not be renewed`));
      });
  }, (options.ttlSeconds * 1000) / 3);
  timer.unref();
  return {
    grant: held,
    lost: lost.signal,
    async release() {
      clearInterval(timer);
      await releaseLease(db, held).catch(() => {});
    },
  };
}
