'use client';
// The day shown by the quicklooks, media and pipeline tabs, kept in the URL (`day=YYYY-MM-DD`).
import { useRouter } from 'next/navigation';
import { type InstrumentView, parseDay, viewHref } from '@/lib/charts/view-state';
import styles from '../instrument.module.css';

export function DayPicker({ instrumentId, view }: { instrumentId: string; view: InstrumentView }) {
  const router = useRouter();
  return (
    <label className={styles.dayPicker}>
      Day
      <input type="date" name="day" value={view.day ?? ''} onChange={(event) => {
        const day = parseDay(event.target.value);
        router.push(viewHref(instrumentId, view, { day }));
      }} />
      {view.day ? <button type="button" className="link" onClick={() => router.push(viewHref(instrumentId, view, { day: null }))}>newest</button> : null}
    </label>
  );
}
