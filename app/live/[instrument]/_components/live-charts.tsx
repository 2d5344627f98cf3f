'use client';
// Time series of wind, temperature, humidity and pressure, and the GPS track. Two hours at 1 Hz is more
// points than a chart can show, so each chart gets an evenly thinned copy (the newest record always in).
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { LiveRecordDto } from '@/lib/live/feed-types';
import type { RoleMap } from '@/lib/live/roles';
import styles from '../live.module.css';

const MAX_POINTS = 600;

/** HH:MM, or HH:MM:SS while the charts span only a few minutes (a feed that just started). */
function timeTicks(data: LiveRecordDto[]): (ms: number) => string {
  const span = (data.at(-1)?.t ?? 0) - (data[0]?.t ?? 0);
  const end = span < 15 * 60_000 ? 19 : 16;
  return (ms) => new Date(ms).toISOString().slice(11, end);
}

/** Enough decimals to tell the ticks apart (GPS degrees move in the 4th, pressure in the 2nd). */
function valueTicks(values: number[]): (v: number) => string {
  const span = values.length ? Math.max(...values) - Math.min(...values) : 0;
  const decimals = span === 0 ? 2 : Math.min(5, Math.max(0, 1 - Math.floor(Math.log10(span))));
  return (v) => v.toFixed(decimals);
}

function thin(records: LiveRecordDto[]): LiveRecordDto[] {
  if (records.length <= MAX_POINTS) return records;
  const step = Math.ceil(records.length / MAX_POINTS);
  const out = records.filter((_, i) => i % step === 0);
  if (out.at(-1) !== records.at(-1)) out.push(records.at(-1)!);
  return out;
}

function Series({ title, data, name, factor = 1, unit, color, dots = false, domain }: {
  title: string; data: LiveRecordDto[]; name: string; factor?: number; unit: string; color: string; dots?: boolean; domain?: [number, number];
}) {
  const points = data.map((r) => ({ t: r.t, y: typeof r.v[name] === 'number' ? (r.v[name] as number) * factor : null }));
  const ys = points.map((p) => p.y).filter((y): y is number => y !== null);
  return (
    <figure className={styles.chart} data-chart={name}>
      <figcaption>{title} <span className="muted">({unit})</span></figcaption>
      <ResponsiveContainer width="100%" height={170}>
        <LineChart data={points} margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e3e7ee" />
          <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} tickFormatter={timeTicks(data)} minTickGap={40} />
          <YAxis domain={domain ?? ['auto', 'auto']} width={76} tickFormatter={domain ? undefined : valueTicks(ys)} />
          <Tooltip labelFormatter={(t) => `${new Date(Number(t)).toISOString().slice(11, 19)} UTC`} />
          <Line dataKey="y" name={title} stroke={dots ? 'none' : color} dot={dots ? { r: 1.5, fill: color, stroke: color } : false}
            isAnimationActive={false} connectNulls={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

function Track({ data, lat, lon }: { data: LiveRecordDto[]; lat: string; lon: string }) {
  const points = data.filter((r) => typeof r.v[lat] === 'number' && typeof r.v[lon] === 'number')
    .map((r) => ({ x: r.v[lon] as number, y: r.v[lat] as number }));
  const latest = points.at(-1);
  return (
    <figure className={styles.chart} data-chart="track">
      <figcaption>GPS track <span className="muted">(last 2 h)</span></figcaption>
      <ResponsiveContainer width="100%" height={260}>
        <ScatterChart margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e3e7ee" />
          <XAxis dataKey="x" type="number" domain={['auto', 'auto']} name="lon" tickFormatter={valueTicks(points.map((p) => p.x))} />
          <YAxis dataKey="y" type="number" domain={['auto', 'auto']} name="lat" width={80} tickFormatter={valueTicks(points.map((p) => p.y))} />
          <Scatter data={points} fill="#3b6fd9" line={{ stroke: '#9db4ea' }} shape="circle" isAnimationActive={false} />
          {latest ? <Scatter data={[latest]} fill="#cf3b3b" isAnimationActive={false} /> : null}
        </ScatterChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function LiveCharts({ records, roles, pressureFactor, units }: {
  records: LiveRecordDto[]; roles: RoleMap; pressureFactor: number; units: Record<string, string>;
}) {
  const data = thin(records);
  const unit = (name?: string) => (name ? units[name] ?? '' : '');
  return (
    <div className={styles.charts}>
      {roles.windSpeed ? <Series title="Wind speed" data={data} name={roles.windSpeed} unit={unit(roles.windSpeed)} color="#1f6fb2" /> : null}
      {roles.windDir ? <Series title="Wind direction" data={data} name={roles.windDir} unit="°" color="#6b4fbb" dots domain={[0, 360]} /> : null}
      {roles.temperature ? <Series title="Temperature" data={data} name={roles.temperature} unit={unit(roles.temperature)} color="#cf3b3b" /> : null}
      {roles.humidity ? <Series title="Relative humidity" data={data} name={roles.humidity} unit={unit(roles.humidity)} color="#1f9d55" /> : null}
      {roles.pressure ? <Series title="Pressure" data={data} name={roles.pressure} factor={pressureFactor} unit="hPa" color="#5d6779" /> : null}
      {roles.lat && roles.lon ? <Track data={data} lat={roles.lat} lon={roles.lon} /> : null}
    </div>
  );
}
