// Enable/disable an instrument from the ops page. This is the operator's `paused` flag, not the config's
// `enabled` (which config sync rewrites at every start): source-sync skips paused instruments, live pollers
// stop within a poll of seeing it, the health monitor and alerts treat the feed as expected to be quiet.
import type { PgBoss } from 'pg-boss';
import { setInstrumentPaused } from '../../../db/queries/ops-control';
import { listPollableLiveInstruments } from '../../../db/queries/live';
import type { Database } from '../../../db/client';
import { sendLivePoll } from '../../../workers/live-pollers';
import { recordAudit } from '../../auth/audit';
import { ControlInputError, type ControlActor } from './actor';

export async function setInstrumentEnabled(
  db: Database, boss: PgBoss | null, instrumentId: string, enabled: boolean, who: ControlActor,
): Promise<void> {
  if (!/^[A-Za-z0-9_.-]{1,100}$/.test(instrumentId)) throw new ControlInputError('not an instrument id');
  const wasPaused = await setInstrumentPaused(db, instrumentId, !enabled);
  if (wasPaused === null) throw new ControlInputError(`no instrument '${instrumentId}'`);
  await recordAudit({ actor: who.actor, address: who.address, action: enabled ? 'instrument.enable' : 'instrument.disable', target: instrumentId,
    details: { changed: wasPaused === enabled } }, db);
  // A live instrument gets its poller back now rather than at the keeper's next minute.
  if (enabled && boss && (await listPollableLiveInstruments(db)).includes(instrumentId)) await sendLivePoll(boss, instrumentId);
}
