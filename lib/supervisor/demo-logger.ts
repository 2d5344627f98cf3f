// The demo campaign's vehicle: the Campbell logger simulator on a free loopback port, on the wall clock,
// with two hours of history so a restarted demo has a gap to backfill. Its switches are at <url>/_control.
import { type CampbellLoggerSimulator, startCampbellLoggerSimulator } from '../simulators/campbell-logger';

export async function startDemoLogger(): Promise<CampbellLoggerSimulator> {
  return startCampbellLoggerSimulator({ ringSize: 7200, prefillSeconds: 7200 });
}
