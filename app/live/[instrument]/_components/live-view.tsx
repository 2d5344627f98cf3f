'use client';
// The live page's browser side: the feed (SSE), a 1-second clock for the dot and the ages, and the panels.
import { useEffect, useState } from 'react';
import { utcMidnightMs } from '@/lib/live/feed-metrics';
import type { FeedHealthDto, LiveRecordDto, LiveVariableDto } from '@/lib/live/feed-types';
import { detectRoles, pressureToHpa, type RoleMap } from '@/lib/live/roles';
import styles from '../live.module.css';
import { LatestValues } from './latest-values';
import { LiveCharts } from './live-charts';
import { StatusCard } from './status-card';
import { dotState, StatusDot } from './status-dot';
import { useLiveFeed } from './use-live-feed';

export interface LiveViewProps {
  instrumentId: string;
  initialRecords: LiveRecordDto[];
  lastId: number;
  variables: LiveVariableDto[];
  roles: RoleMap;
  initialHealth: FeedHealthDto;
  maxWindSinceMidnight: number | null;
  intervalMs: number;
  staleAfterMs: number;
  /** The server's clock at render: the first render must match on both sides (hydration). */
  serverNow: number;
}

export function LiveView(props: LiveViewProps) {
  const [now, setNow] = useState(props.serverNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  // Until a record arrives, the preload's newest record stands for "last arrival" (never in the future).
  const newest = props.initialRecords.at(-1);
  const feed = useLiveFeed({ instrumentId: props.instrumentId, initialRecords: props.initialRecords, lastId: props.lastId,
    initialHealth: props.initialHealth, initialArrival: newest ? Math.min(newest.t, props.serverNow) : 0 });
  // A feed without records at page load has no variables yet: recognise them from the first records.
  const firstKeys = Object.keys(feed.records[0]?.v ?? {});
  const roles = Object.keys(props.roles).length > 0 ? props.roles : detectRoles(firstKeys.map((name) => ({ name, unit: null })));
  const state = dotState(feed.connection, feed.lastArrival, now, props.staleAfterMs);
  const pressureFactor = pressureToHpa(props.variables.find((v) => v.name === roles.pressure)?.unit ?? null);
  const units = Object.fromEntries(props.variables.map((v) => [v.name, v.unit ?? '']));

  return (
    <div className={styles.live} data-record-count={feed.records.length} data-latest-record={feed.records.at(-1)?.no ?? ''}>
      <StatusDot state={state} connection={feed.connection} silentSeconds={Math.max(0, Math.round((now - feed.lastArrival) / 1000))} />
      <StatusCard records={feed.records} health={feed.health} roles={roles} pressureFactor={pressureFactor}
        lastArrival={feed.lastArrival} now={now} intervalMs={props.intervalMs} />
      {feed.records.length === 0 ? <p className="muted">No records yet: waiting for the logger.</p> : null}
      <LiveCharts records={feed.records} roles={roles} pressureFactor={pressureFactor} units={units} />
      <LatestValues records={feed.records} variables={props.variables} roles={roles}
        serverMaxWind={props.maxWindSinceMidnight} midnightMs={utcMidnightMs(now)} />
    </div>
  );
}
