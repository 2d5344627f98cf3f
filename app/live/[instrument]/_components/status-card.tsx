'use client';
// The feed's health at a glance: last update, today's gaps, completeness, pressure tendency, GPS fix and
// the age of the newest record.
import { completenessPercent, hasGpsFix, pressureTendency } from '@/lib/live/feed-metrics';
import type { FeedHealthDto, LiveRecordDto } from '@/lib/live/feed-types';
import type { RoleMap } from '@/lib/live/roles';
import styles from '../live.module.css';

const RECORD_AGE_WARN_S = 30;

const hhmmss = (ms: number) => new Date(ms).toISOString().slice(11, 19);

interface Props {
  records: LiveRecordDto[];
  health: FeedHealthDto;
  roles: RoleMap;
  pressureFactor: number;
  lastArrival: number;
  now: number;
  intervalMs: number;
}

export function StatusCard({ records, health, roles, pressureFactor, lastArrival, now, intervalMs }: Props) {
  const latest = records.at(-1);
  const ageSeconds = latest ? Math.max(0, Math.round((now - latest.t) / 1000)) : null;
  const tendency = roles.pressure ? pressureTendency(records, roles.pressure, pressureFactor) : null;
  const fix = hasGpsFix(latest, roles.lat, roles.lon);
  const items: [string, string, string, string?][] = [
    ['last-update', 'Last update', latest ? `${hhmmss(lastArrival)} UTC (record ${latest.no} of ${hhmmss(latest.t)})` : 'none yet'],
    ['gaps', 'Gaps since 00:00 UTC', health.unfilledGapsToday > 0 ? `${health.gapsToday} (${health.unfilledGapsToday} not filled)` : String(health.gapsToday)],
    ['completeness', 'Completeness (10 min)', `${completenessPercent(records, now, intervalMs).toFixed(1)} %`],
    ['pressure-change', 'Pressure change (3 min)', tendency === null ? '–' : `${tendency >= 0 ? '+' : ''}${tendency.toFixed(2)} hPa`],
    ['gps', 'GPS', roles.lat ? (fix ? 'Fix' : 'No Fix') : '–', roles.lat && !fix ? styles.warn : undefined],
    ['record-age', 'Record age', ageSeconds === null ? '–' : `${ageSeconds} s`, ageSeconds !== null && ageSeconds > RECORD_AGE_WARN_S ? styles.warn : undefined],
  ];
  return (
    <dl className={styles.card} data-testid="status-card">
      {items.map(([key, label, value, className]) => (
        <div key={key} data-metric={key}>
          <dt>{label}</dt>
          <dd className={className}>{value}</dd>
        </div>
      ))}
      {health.state === 'retrying' || health.state === 'failed' ? (
        <div data-metric="poller" className={styles.wide}>
          <dt>Poller</dt>
          <dd className={styles.warn}>{health.state}: {health.lastError}</dd>
        </div>
      ) : null}
    </dl>
  );
}
