'use client';
// Variable picker (grouped by unit), range presets, a custom range and (rendered by the server, which knows
// what the database can do) the downsampling choice. Each change is a new URL (push, so back returns to the
// previous view); the server renders the charts for it.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type FormEvent, type ReactNode, useMemo, useOptimistic, useTransition } from 'react';
import { type InstrumentView, PRESETS, type Preset, type Span, viewHref } from '@/lib/charts/view-state';
import styles from '../instrument.module.css';

export interface PickerVariable {
  id: number;
  name: string;
  unit: string | null;
  shape: 'scalar' | 'profile';
  stream: string;
}

/** `2026-11-20T10:00` for a datetime-local input, in UTC (the page shows UTC throughout). */
const toInput = (ms: number) => new Date(ms).toISOString().slice(0, 16);
const fromInput = (text: string) => (text ? Date.parse(`${text}:00Z`) : NaN);

export function TimeseriesControls({ instrumentId, view, variables, selected, range, downsampling }: {
  instrumentId: string; view: InstrumentView; variables: PickerVariable[]; selected: number[]; range: Span; downsampling: ReactNode;
}) {
  const router = useRouter();
  // The URL is the state; until the server has rendered the new view, show the click at once.
  const [pending, startTransition] = useTransition();
  const [shown, setShown] = useOptimistic(selected);
  const groups = useMemo(() => {
    const byUnit = new Map<string, PickerVariable[]>();
    for (const v of variables) {
      const key = v.shape === 'profile' ? `profiles${v.unit ? ` (${v.unit})` : ''}` : v.unit ?? 'no unit';
      byUnit.set(key, [...(byUnit.get(key) ?? []), v]);
    }
    return [...byUnit];
  }, [variables]);

  function toggle(id: number, on: boolean) {
    const vars = on ? [...shown, id] : shown.filter((v) => v !== id);
    if (vars.length === 0) return;
    startTransition(() => {
      setShown(vars);
      router.push(viewHref(instrumentId, view, { vars }));
    });
  }

  function applyCustom(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const from = fromInput(String(form.get('from') ?? ''));
    const to = fromInput(String(form.get('to') ?? ''));
    if (!(to > from)) return;
    startTransition(() => router.push(viewHref(instrumentId, view, { range: { from, to }, zoom: null, end: null })));
  }

  return (
    <div className={styles.controls} data-pending={pending || undefined} aria-busy={pending}>
      <div className={styles.picker} data-testid="variable-picker">
        {groups.map(([unit, vars]) => (
          <fieldset key={unit}>
            <legend>{unit}</legend>
            {vars.map((v) => (
              <label key={v.id} title={v.stream}>
                <input type="checkbox" name="var" value={v.id} checked={shown.includes(v.id)}
                  disabled={shown.length === 1 && shown[0] === v.id} onChange={(e) => toggle(v.id, e.target.checked)} />
                {v.name}
              </label>
            ))}
          </fieldset>
        ))}
      </div>
      <div className={styles.range}>
        <div className={styles.presets} role="group" aria-label="Range">
          {(Object.keys(PRESETS) as Preset[]).map((p) => (
            <Link key={p} href={viewHref(instrumentId, view, { preset: p, range: null, zoom: null, end: null })}
              aria-current={!view.range && view.preset === p ? 'true' : undefined}>{p}</Link>
          ))}
          {view.zoom ? <Link href={viewHref(instrumentId, view, { zoom: null })}>Reset zoom</Link> : null}
        </div>
        <form className={styles.custom} onSubmit={applyCustom} key={`${range.from}-${range.to}`} aria-label="Custom range">
          <label>From (UTC)<input type="datetime-local" name="from" defaultValue={toInput(range.from)} /></label>
          <label>To (UTC)<input type="datetime-local" name="to" defaultValue={toInput(range.to)} /></label>
          <button type="submit">Show</button>
        </form>
        {downsampling}
      </div>
    </div>
  );
}
