'use client';
// A profile variable as a time-height image: one column per time bucket, one row per gate group, coloured
// with viridis between robust limits, with a colour bar. Painted at grid resolution on a <canvas> and
// scaled by the browser (pixelated), so 600 × 400 cells cost one putImageData.
import { useEffect, useRef } from 'react';
import { colourLimits, viridis } from '@/lib/charts/viridis';
import type { ProfileGrid } from '@/lib/charts/types';
import type { Span } from '@/lib/charts/view-state';
import styles from '../instrument.module.css';

const fmt = (v: number) => Number(v.toPrecision(3)).toString();

export function ProfileImage({ grid, window }: { grid: ProfileGrid; window: Span }) {
  const image = useRef<HTMLCanvasElement>(null);
  const bar = useRef<HTMLCanvasElement>(null);
  const limits = colourLimits(grid.values);
  const rows = grid.axis.values.length;
  const bucketMs = grid.bucketSeconds * 1000;
  const columns = Math.max(1, Math.ceil((window.to - window.from) / bucketMs) + 1);

  useEffect(() => {
    const canvas = image.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context || !limits || rows === 0) return;
    canvas.width = columns;
    canvas.height = rows;
    const pixels = context.createImageData(columns, rows);
    const [lo, hi] = limits;
    grid.times.forEach((t, c) => {
      const x = Math.floor((t - window.from) / bucketMs);
      if (x < 0 || x >= columns) return;
      for (let g = 0; g < rows; g++) {
        const value = grid.values[c * rows + g];
        if (value === null || value === undefined) continue;
        const [r, gr, b] = viridis((value - lo) / (hi - lo));
        const at = ((rows - 1 - g) * columns + x) * 4; // the first gate at the bottom
        pixels.data[at] = r; pixels.data[at + 1] = gr; pixels.data[at + 2] = b; pixels.data[at + 3] = 255;
      }
    });
    context.putImageData(pixels, 0, 0);
  }, [grid, limits, rows, columns, bucketMs, window.from]);

  useEffect(() => {
    const context = bar.current?.getContext('2d');
    if (!bar.current || !context) return;
    bar.current.width = 1;
    bar.current.height = 256;
    for (let y = 0; y < 256; y++) {
      const [r, g, b] = viridis(1 - y / 255);
      context.fillStyle = `rgb(${r},${g},${b})`;
      context.fillRect(0, y, 1, 1);
    }
  }, []);

  const axisUnit = grid.axis.unit ? ` (${grid.axis.unit})` : '';
  return (
    <figure className={styles.chart} data-profile={grid.name} data-columns={grid.times.length} data-rows={rows}>
      <figcaption>{grid.name} <span className="muted">{grid.unit ?? ''} · {grid.axis.name}{axisUnit} against time</span></figcaption>
      {limits && rows > 0 ? (
        <>
          <div className={styles.profile}>
            <canvas ref={image} aria-label={`${grid.name} time-height image`} />
            <div className={styles.colourBar}>
              <canvas ref={bar} aria-label="colour bar" />
              <div><span>{fmt(limits[1])}</span><span>{grid.unit ?? ''}</span><span>{fmt(limits[0])}</span></div>
            </div>
          </div>
          <div className={styles.axisLabels}>
            <span>{new Date(window.from).toISOString().slice(0, 16).replace('T', ' ')}</span>
            <span>{grid.axis.name}: {fmt(grid.axis.values[0]!)} (bottom) – {fmt(grid.axis.values[rows - 1]!)} (top){axisUnit}</span>
            <span>{new Date(window.to).toISOString().slice(0, 16).replace('T', ' ')} UTC</span>
          </div>
        </>
      ) : <p className={styles.empty}>No {grid.name} profiles in this window.</p>}
    </figure>
  );
}
