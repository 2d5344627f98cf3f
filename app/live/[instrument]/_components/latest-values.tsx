'use client';
// Every variable's latest value and its 30-second mean (a vector mean for wind direction), and the
// strongest wind since midnight UTC.
import { maxSince, recentMean, recentMeanDirection } from '@/lib/live/feed-metrics';
import type { LiveRecordDto, LiveVariableDto } from '@/lib/live/feed-types';
import type { RoleMap } from '@/lib/live/roles';
import styles from '../live.module.css';

const show = (v: number | null | undefined) => (v === null || v === undefined ? 'NAN' : String(Number(v.toFixed(3))));

interface Props {
  records: LiveRecordDto[];
  variables: LiveVariableDto[];
  roles: RoleMap;
  /** From the database at page load: the preload covers two hours, the day may be longer. */
  serverMaxWind: number | null;
  midnightMs: number;
}

export function LatestValues({ records, variables, roles, serverMaxWind, midnightMs }: Props) {
  const latest = records.at(-1);
  // Variables the page started with, plus any a program change has added since.
  const known = new Set(variables.map((v) => v.name));
  const names = [...variables, ...Object.keys(latest?.v ?? {}).filter((name) => !known.has(name)).map((name) => ({ name, unit: null }))];
  const liveMax = roles.windSpeed ? maxSince(records, roles.windSpeed, midnightMs) : null;
  const maxWind = [serverMaxWind, liveMax].filter((v): v is number => v !== null).reduce<number | null>((a, b) => (a === null ? b : Math.max(a, b)), null);
  return (
    <section className={styles.panel} aria-label="Latest values">
      <h2>Latest values</h2>
      <table className={styles.values} data-testid="latest-values">
        <thead>
          <tr><th>Variable</th><th>Latest</th><th>30 s mean</th><th>Unit</th></tr>
        </thead>
        <tbody>
          {names.map(({ name, unit }) => (
            <tr key={name} data-variable={name}>
              <td>{name}</td>
              <td>{show(latest?.v[name])}</td>
              <td>{show(name === roles.windDir ? recentMeanDirection(records, name) : recentMean(records, name))}</td>
              <td className="muted">{unit ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {roles.windSpeed ? (
        <p data-testid="max-wind">Maximum wind since 00:00 UTC: <strong>{maxWind === null ? '–' : `${maxWind.toFixed(1)} ${variables.find((v) => v.name === roles.windSpeed)?.unit ?? ''}`}</strong></p>
      ) : null}
    </section>
  );
}
