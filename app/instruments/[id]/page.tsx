// /instruments/<id>: one instrument's time series, quicklooks, file ledger, pipeline grid and (webcams)
// media, in tabs. The whole view lives in the URL (lib/charts/view-state.ts): this server component reads
// it, so a reload, back/forward or a shared link renders the same view; the controls only change the URL.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { getChartInstrument } from '@/db/queries/chart-series';
import { requireUser } from '@/lib/auth/session';
import { isPlausibleId, parseView, viewSearch } from '@/lib/charts/view-state';
import { DayPicker } from './_components/day-picker';
import { TabBar } from './_components/tab-bar';
import { FilesTab } from './_tabs/files-tab';
import { MediaTab } from './_tabs/media-tab';
import { PipelineTab } from './_tabs/pipeline-tab';
import { QuicklooksTab } from './_tabs/quicklooks-tab';
import { TimeseriesTab } from './_tabs/timeseries-tab';
import styles from './instrument.module.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Instrument' };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function InstrumentPage({ params, searchParams }: Props) {
  const { id } = await params;
  const view = parseView(await searchParams);
  const user = await requireUser('viewer', `/instruments/${encodeURIComponent(id)}${viewSearch(view)}`);
  const instrument = isPlausibleId(id) ? await getChartInstrument(getDb(), id) : null;
  if (!instrument) notFound();
  const hasMedia = instrument.kind === 'webcam';
  if (view.tab === 'media' && !hasMedia) view.tab = 'timeseries';

  return (
    <div className={styles.page} data-instrument-page={instrument.id} data-tab={view.tab}>
      <h1>{instrument.name}</h1>
      <p className="subtitle">{instrument.siteName} · {instrument.id} · {instrument.kind}
        {instrument.expectedIntervalSeconds ? ` · one record every ${instrument.expectedIntervalSeconds} s` : ''}</p>
      <TabBar instrumentId={instrument.id} view={view} hasMedia={hasMedia} />
      {view.tab === 'timeseries' ? <TimeseriesTab instrument={instrument} view={view} /> : null}
      {view.tab === 'quicklooks' ? (
        <>
          <DayPicker instrumentId={instrument.id} view={view} />
          <QuicklooksTab instrumentId={instrument.id} day={view.day} />
        </>
      ) : null}
      {view.tab === 'files' ? <FilesTab instrumentId={instrument.id} view={view} /> : null}
      {view.tab === 'pipeline' ? <PipelineTab instrumentId={instrument.id} view={view} role={user.role} /> : null}
      {view.tab === 'media' ? (
        <>
          <DayPicker instrumentId={instrument.id} view={view} />
          <MediaTab instrumentId={instrument.id} day={view.day} />
        </>
      ) : null}
    </div>
  );
}
