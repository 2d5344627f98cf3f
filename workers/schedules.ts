// The schedules the config asks for, as pg-boss schedules. Applied by every worker at start: pg-boss keeps
// one row per (queue, key), so several workers applying the same set is harmless, and a schedule that left
// the config is removed.
import type { PgBoss } from 'pg-boss';
import type { FieldopsConfig } from '../lib/config/schema';
import { queues } from './queues';
import { hasHandler } from './registry';

export interface DesiredSchedule {
  queue: string;
  key: string;
  cron: string;
  data: Record<string, unknown>;
}

export function desiredSchedules(config: FieldopsConfig): DesiredSchedule[] {
  const schedules: DesiredSchedule[] = [
    { queue: queues.rollupsRefresh.name, key: 'default', cron: '*/5 * * * *', data: {} },
    // Operations, every minute: observe, then judge, then mail (each run works on what the last one left).
    { queue: queues.healthCollect.name, key: 'default', cron: '* * * * *', data: {} },
    { queue: queues.alertsEvaluate.name, key: 'default', cron: '* * * * *', data: {} },
    { queue: queues.outboxSend.name, key: 'default', cron: '* * * * *', data: {} },
  ];
  for (const inst of config.instruments) {
    if (!inst.enabled) continue;
    if (inst.source) {
      schedules.push({ queue: queues.sourceSync.name, key: inst.id, cron: inst.schedule.sync ?? '*/10 * * * *', data: { instrumentId: inst.id } });
    }
    // Live instruments get quicklooks too (generic recipe from their variables); webcams get a timelapse instead.
    if (inst.kind === 'webcam') {
      schedules.push({ queue: queues.webcamTimelapse.name, key: inst.id, cron: inst.schedule.timelapse ?? '5 * * * *', data: { instrumentId: inst.id } });
    } else if (inst.source || inst.logger) {
      schedules.push({ queue: queues.quicklooks.name, key: inst.id, cron: inst.schedule.quicklooks ?? '15 * * * *', data: { instrumentId: inst.id } });
    }
  }
  for (const mirror of config.mirrors) {
    if (mirror.schedule) schedules.push({ queue: queues.mirrorSync.name, key: mirror.id, cron: mirror.schedule, data: { mirrorId: mirror.id } });
    if (mirror.verify) schedules.push({ queue: queues.mirrorVerify.name, key: mirror.id, cron: mirror.verify, data: { mirrorId: mirror.id } });
  }
  // Audits pile up with every verify, whether or not any mirror is configured now (removed ones keep theirs).
  schedules.push({ queue: queues.mirrorAuditsPrune.name, key: 'default', cron: config.retention.mirrorAudits.schedule, data: {} });
  if (config.reports.mirrorVerify) {
    const [hh, mm] = config.reports.mirrorVerify.at.split(':').map(Number);
    schedules.push({ queue: queues.reportEmail.name, key: 'mirror-verify', cron: `${mm} ${hh} * * *`, data: { report: 'mirror-verify' } });
  }
  // Only queues this build can work: a schedule for a queue nobody works would pile up jobs.
  return schedules.filter((s) => hasHandler(s.queue));
}

/** `paused`: `queue\0key` of schedules an operator paused on the ops page; they stay unscheduled. */
export async function applySchedules(boss: PgBoss, config: FieldopsConfig, paused: ReadonlySet<string> = new Set()): Promise<{ applied: number; removed: number }> {
  const desired = desiredSchedules(config).filter((s) => !paused.has(`${s.queue}\u0000${s.key}`));
  const tz = config.campaign.timezone;
  // singletonKey = the schedule's key: on stately queues (source-sync, quicklooks, mirror-sync) the "one
  // queued, one active" rule then holds per instrument or mirror, not for the whole queue, so one instrument's
  // pending sync cannot crowd out another's.
  for (const s of desired) await boss.schedule(s.queue, s.cron, s.data, { key: s.key, tz, singletonKey: s.key });
  const wanted = new Set(desired.map((s) => `${s.queue}\u0000${s.key}`));
  let removed = 0;
  for (const existing of await boss.getSchedules()) {
    if (!wanted.has(`${existing.name}\u0000${existing.key}`)) {
      await boss.unschedule(existing.name, existing.key);
      removed += 1;
    }
  }
  return { applied: desired.length, removed };
}
