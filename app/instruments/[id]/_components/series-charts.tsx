'use client';
// One chart per unit: for each series, the min–max envelope as a band and the mean as a line (an lttb series
// is real points, so the line alone), each with its own points (series of one unit may have different
// cadences). Null points are breaks: the band and the line stop there (connectNulls off), so a gap in the
// data is a gap on screen. Dragging across a chart zooms to that span: a new URL, which the server answers
// with finer buckets.
import { useRouter } from 'next/navigation';
import { type PointerEvent, useRef, useState } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, ReferenceArea, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { ChartPoint, ChartSeries } from '@/lib/charts/types';
import { type InstrumentView, type Span, viewHref } from '@/lib/charts/view-state';
import styles from '../instrument.module.css';

const COLOURS = ['#1f6fb2', '#cf3b3b', '#1f9d55', '#6b4fbb', '#d98a00', '#0e8a8a', '#8c564b', '#e377c2'];
const Y_AXIS_WIDTH = 70;
const MARGIN = { top: 8, right: 16, bottom: 0, left: 0 };
/** Smallest zoom a drag makes (a click is not a zoom). */
const MIN_DRAG_PX = 6;

function timeTicks(span: number): (ms: number) => string {
  if (span <= 2 * 3600_000) return (ms) => new Date(ms).toISOString().slice(11, 19);
  if (span <= 3 * 86_400_000) return (ms) => new Date(ms).toISOString().slice(5, 16).replace('T', ' ');
  return (ms) => new Date(ms).toISOString().slice(5, 10);
}

const range = (p: ChartPoint): [number, number] | null => (p.min === null || p.max === null ? null : [p.min, p.max]);

function UnitChart({ unit, series, colours, window, onZoom }: {
  unit: string; series: ChartSeries[]; colours: string[]; window: Span; onZoom: (span: Span) => void;
}) {
  const plot = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<{ start: number; startX: number; end: number } | null>(null);

  /** Time under the pointer, from its position in the plot area (left of it is the y axis). */
  function timeAt(clientX: number): number {
    const box = plot.current!.getBoundingClientRect();
    const left = box.left + MARGIN.left + Y_AXIS_WIDTH;
    const width = box.width - MARGIN.left - Y_AXIS_WIDTH - MARGIN.right;
    const fraction = Math.min(1, Math.max(0, (clientX - left) / width));
    return Math.round(window.from + fraction * (window.to - window.from));
  }

  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    if (event.button !== 0) return;
    const at = timeAt(event.clientX);
    setDrag({ start: at, startX: event.clientX, end: at });
  }
  function onPointerMove(event: PointerEvent<HTMLDivElement>) {
    if (drag) setDrag({ ...drag, end: timeAt(event.clientX) });
  }
  function onPointerUp(event: PointerEvent<HTMLDivElement>) {
    if (!drag) return;
    const end = timeAt(event.clientX);
    setDrag(null);
    if (Math.abs(event.clientX - drag.startX) >= MIN_DRAG_PX && end !== drag.start) {
      onZoom({ from: Math.min(drag.start, end), to: Math.max(drag.start, end) });
    }
  }

  return (
    <figure className={styles.chart} data-chart={unit} data-series={series.map((s) => s.variableId).join(',')}>
      <figcaption>
        <span>{unit}</span>
        {series.map((s, i) => (
          <span key={s.variableId} className={styles.legend} data-variable={s.name} data-points={s.points.length}
            data-breaks={s.points.filter((p) => p.mean === null).length} data-source={s.source} data-method={s.method}>
            <span className={styles.swatch} style={{ background: colours[i] }} />{s.name}
          </span>
        ))}
      </figcaption>
      <div ref={plot} className={styles.plot} data-testid="chart-plot" onPointerDown={onPointerDown} onPointerMove={onPointerMove}
        onPointerUp={onPointerUp} onPointerLeave={() => setDrag(null)}>
        <ResponsiveContainer width="100%" height={240}>
          <ComposedChart margin={MARGIN}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e3e7ee" />
            <XAxis dataKey="t" type="number" domain={[window.from, window.to]} allowDataOverflow scale="time"
              tickFormatter={timeTicks(window.to - window.from)} minTickGap={50} />
            <YAxis width={Y_AXIS_WIDTH} domain={['auto', 'auto']} tickFormatter={(v: number) => Number(v.toPrecision(4)).toString()} />
            {series.map((s, i) => s.method === 'lttb' ? null : (
              <Area key={`band-${s.variableId}`} data={s.points} dataKey={range} type="linear" stroke="none" fill={colours[i]} fillOpacity={0.22}
                isAnimationActive={false} connectNulls={false} activeDot={false} />
            ))}
            {series.map((s, i) => (
              <Line key={`mean-${s.variableId}`} data={s.points} dataKey="mean" type="linear" stroke={colours[i]} strokeWidth={1.4} dot={false}
                isAnimationActive={false} connectNulls={false} activeDot={false} />
            ))}
            {drag ? <ReferenceArea x1={Math.min(drag.start, drag.end)} x2={Math.max(drag.start, drag.end)} fill="#2b5fc4" fillOpacity={0.15} /> : null}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

export function SeriesCharts({ instrumentId, view, window, series }: { instrumentId: string; view: InstrumentView; window: Span; series: ChartSeries[] }) {
  const router = useRouter();
  const byUnit = new Map<string, ChartSeries[]>();
  for (const s of series) byUnit.set(s.unit ?? 'no unit', [...(byUnit.get(s.unit ?? 'no unit') ?? []), s]);
  let colour = 0;
  return (
    <>
      {[...byUnit].map(([unit, group]) => {
        const colours = group.map(() => COLOURS[colour++ % COLOURS.length]!);
        return <UnitChart key={unit} unit={unit} series={group} colours={colours} window={window}
          onZoom={(zoom) => router.push(viewHref(instrumentId, view, { zoom }))} />;
      })}
    </>
  );
}
