// RPG records carry int32 seconds since 2001-01-01 00:00:00. The header's timeRef says whether that clock is
// UTC (1) or the instrument PC's local time (0); local time is interpreted in an IANA zone from the options
// by the shared zone clock (lib/time/zone-clock.ts: cached offsets, deterministic DST rules).
import { ZoneClock } from '../../time/zone-clock';

export const RPG_EPOCH_MS = Date.UTC(2001, 0, 1);

/** Converts a record's RPG seconds to UTC milliseconds since the Unix epoch. */
export type TimeDecoder = (rpgSeconds: number) => number;

export function makeTimeDecoder(timeRef: number, timezone = 'UTC'): TimeDecoder {
  const toWallMs = (rpgSeconds: number) => RPG_EPOCH_MS + rpgSeconds * 1000;
  if (timeRef === 1 || timezone === 'UTC') return toWallMs;
  const clock = new ZoneClock(timezone, 'options.timezone');
  return (rpgSeconds) => clock.toUtcMs(toWallMs(rpgSeconds));
}
