// When a cron schedule fires next, in its time zone; null for an expression pg-boss would not accept either.
import { CronExpressionParser } from 'cron-parser';

export function nextRunAt(cron: string, timezone: string, now: Date = new Date()): Date | null {
  try {
    return CronExpressionParser.parse(cron, { currentDate: now, tz: timezone }).next().toDate();
  } catch {
    return null;
  }
}
