// The time series tab: reads the selected variables' downsampled series for the URL's window on the server
// (the same code as the series route), then hands them to the client charts. The database's capabilities
// decide whether lttb can be offered and shown.
import Link from 'next/link';
import { getDb } from '@/db/client';
import { type ChartInstrument, type ChartVariable, getSeriesExtent, listChartVariables } from '@/db/queries/chart-series';
import { getCapabilities } from '@/db/timeseries/capabilities';
import { MAX_POINTS } from '@/lib/charts/bucket-width';
import { readProfileGrid } from '@/lib/charts/read-profile';
import { readChartSeries } from '@/lib/charts/read-series';
import type { DownsampleMethod } from '@/lib/charts/types';
import { chartWindow, type InstrumentView, rangeWindow, viewHref } from '@/lib/charts/view-state';
import { DownsamplingControl } from '../_components/downsampling-control';
import { ProfileImage } from '../_components/profile-image';
import { SeriesCharts } from '../_components/series-charts';
import { TimeseriesControls } from '../_components/timeseries-controls';
import styles from '../instrument.module.css';

/** Selected variables that exist; without a selection, the first scalar variable (or profile). */
function selectedVariables(all: ChartVariable[], view: InstrumentView): ChartVariable[] {
  const byId = new Map(all.map((v) => [v.id, v]));
  const chosen = (view.vars ?? []).map((id) => byId.get(id)).filter((v): v is ChartVariable => v !== undefined);
  if (chosen.length > 0) return chosen;
  const first = all.find((v) => v.shape === 'scalar') ?? all[0];
  return first ? [first] : [];
}

/** The selection, the range and the data of the view, as of now. */
async function loadTimeseries(instrument: ChartInstrument, view: InstrumentView, variables: ChartVariable[], method: DownsampleMethod) {
  const db = getDb();
  const selected = selectedVariables(variables, view);
  // Presets end at the newest data (rounded up to the minute), so a finished campaign still shows its last day.
  const extent = view.range || view.end !== null ? null
    : await getSeriesExtent(db, selected[0]!.streamId, selected[0]!.id, selected[0]!.shape === 'scalar' ? 'observations' : 'profiles');
  const newest = extent ? Math.ceil((extent.last.getTime() + 1) / 60_000) * 60_000 : null;
  const now = Date.now();
  const range = rangeWindow(view, newest, now);
  const window = chartWindow(view, newest, now);
  const from = new Date(window.from);
  const to = new Date(window.to);
  const [series, profiles] = await Promise.all([
    Promise.all(selected.filter((v) => v.shape === 'scalar').map((v) => readChartSeries(db, v, { from, to, method, cadenceSeconds: instrument.expectedIntervalSeconds }))),
    Promise.all(selected.filter((v) => v.shape === 'profile').map((v) => readProfileGrid(db, v, from, to))),
  ]);
  return { selected, range, window, series, profiles };
}

export async function TimeseriesTab({ instrument, view }: { instrument: ChartInstrument; view: InstrumentView }) {
  const db = getDb();
  const [variables, caps] = await Promise.all([listChartVariables(db, instrument.id), getCapabilities(db)]);
  if (variables.length === 0) return <p className={styles.empty}>No data for {instrument.id} yet: its variables appear once a file has been appended.</p>;
  const lttbAvailable = caps.toolkit !== null;
  const method: DownsampleMethod = view.method === 'lttb' && lttbAvailable ? 'lttb' : 'envelope';
  const { selected, range, window, series, profiles } = await loadTimeseries(instrument, view, variables, method);

  return (
    <section aria-label="Time series">
      <TimeseriesControls instrumentId={instrument.id} view={view} range={range}
        variables={variables.map((v) => ({ id: v.id, name: v.name, unit: v.unit, shape: v.shape, stream: v.streamVersion > 1 ? `${v.streamName} v${v.streamVersion}` : v.streamName }))}
        selected={selected.map((v) => v.id)}
        downsampling={<DownsamplingControl instrumentId={instrument.id} view={view} shown={method} lttbAvailable={lttbAvailable} />} />
      <p className={styles.window} data-testid="chart-window" data-from={window.from} data-to={window.to}>
        {new Date(window.from).toISOString().slice(0, 16).replace('T', ' ')} – {new Date(window.to).toISOString().slice(0, 16).replace('T', ' ')} UTC
        {view.zoom ? ' (zoomed)' : ''}
        {series[0] ? (series[0].method === 'lttb' ? ` · lttb, at most ${MAX_POINTS} points` : ` · ${series[0].bucketSeconds} s buckets`) : ''}
        {/* A preset follows the newest data; pinning its end makes a link that shows this window for good. */}
        {!view.range && view.end === null && !view.zoom
          ? <> · <Link href={viewHref(instrument.id, view, { end: range.to })} title="a link to exactly this window, even after new data arrives">pin this window</Link></>
          : null}
      </p>
      <div className={styles.charts}>
        {series.length > 0 ? <SeriesCharts instrumentId={instrument.id} view={view} window={window} series={series} /> : null}
        {profiles.map((grid) => <ProfileImage key={grid.variableId} grid={grid} window={window} />)}
      </div>
    </section>
  );
}
