// Turning export rows into bytes, per format. Rows arrive as [seconds since epoch, value, value, ...] with
// null for a missing value; CSV is the exception (PostgreSQL's COPY writes the rows, we write the two
// header lines). The health block travels in HTTP headers for every format, and in the body where the
// format has room for it (JSON `health`, netCDF global attributes).
import { netcdfHeader, netcdfName, netcdfRecords, type NcAttributes } from './netcdf3';
import type { RangeHealth } from './range-health';

export interface ExportColumn {
  name: string;
  unit: string | null;
  processing: string | null;
}

export interface ExportDescription {
  instrument: { id: string; name: string; kind: string; siteId: string; siteName: string };
  start: Date;
  end: Date;
  every: string;
  agg: string | null;
  columns: ExportColumn[];
  health: RangeHealth;
  /** The request as the caller sent it, for the netCDF history attribute. */
  requestPath: string;
}

export type Row = (number | null)[];

export interface RowEncoder {
  head(): Buffer;
  rows(rows: Row[]): Buffer;
  tail(): Buffer;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV: names on the first line, units on the second (the time column's unit is `UTC`). */
export function csvHead(d: ExportDescription): Buffer {
  const names = ['time', ...d.columns.map((c) => c.name)].map(csvField).join(',');
  const units = ['UTC', ...d.columns.map((c) => c.unit ?? '')].map(csvField).join(',');
  return Buffer.from(`${names}\n${units}\n`, 'utf8');
}

/**
 * Writes each row's text straight into a byte buffer. Concatenating a whole batch into one string would
 * make megabyte strings, which V8 keeps in its large-object space until a full collection: the server's
 * memory would climb with the export's size even though nothing is retained.
 */
class ByteBuilder {
  private buffer = Buffer.allocUnsafe(256 * 1024);
  private length = 0;
  write(text: string) {
    const needed = this.length + Buffer.byteLength(text, 'utf8');
    if (needed > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.buffer.length * 2));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += this.buffer.write(text, this.length, 'utf8');
  }
  toBuffer() {
    return this.buffer.subarray(0, this.length);
  }
}

const isoTime = (seconds: number) => new Date(Math.round(seconds * 1000)).toISOString();
const jsonNumber = (v: number | null) => (v === null || !Number.isFinite(v) ? 'null' : String(v));

function healthObject(h: RangeHealth) {
  return { state: h.state, lastRecord: h.lastRecord, completeness: h.completeness, gapCount: h.gapCount, gaps: h.gaps };
}

/** One JSON document: metadata and health first, then `rows` as arrays in `columns` order. */
export function jsonEncoder(d: ExportDescription): RowEncoder {
  let first = true;
  return {
    head() {
      const meta = {
        instrument: d.instrument.id, site: d.instrument.siteId, start: d.start.toISOString(), end: d.end.toISOString(),
        every: d.every, agg: d.agg, health: healthObject(d.health),
        columns: [{ name: 'time', unit: 'ISO 8601 UTC', processing: null }, ...d.columns],
      };
      return Buffer.from(`${JSON.stringify(meta).slice(0, -1)},"rows":[\n`, 'utf8');
    },
    rows(rows) {
      const out = new ByteBuilder();
      for (const row of rows) {
        let text = `${first ? '' : ',\n'}["${isoTime(row[0]!)}"`;
        for (let i = 1; i < row.length; i++) text += `,${jsonNumber(row[i]!)}`;
        out.write(`${text}]`);
        first = false;
      }
      return out.toBuffer();
    },
    tail: () => Buffer.from('\n]}\n', 'utf8'),
  };
}

/** One JSON object per line, keyed by variable name. */
export function ndjsonEncoder(d: ExportDescription): RowEncoder {
  const keys = d.columns.map((c) => `,${JSON.stringify(c.name)}:`);
  return {
    head: () => Buffer.alloc(0),
    rows(rows) {
      const out = new ByteBuilder();
      for (const row of rows) {
        let text = `{"time":"${isoTime(row[0]!)}"`;
        for (let i = 1; i < row.length; i++) text += `${keys[i - 1]}${jsonNumber(row[i]!)}`;
        out.write(`${text}}\n`);
      }
      return out.toBuffer();
    },
    tail: () => Buffer.alloc(0),
  };
}

/** netCDF-3 classic with CF attributes; `numrecs` must be the exact number of rows that will follow. */
export function netcdfEncoder(d: ExportDescription, numrecs: number, now = new Date()): RowEncoder {
  const used = new Set(['time']);
  const variables = d.columns.map((c) => {
    let name = netcdfName(c.name);
    while (used.has(name)) name = `${name}_`;
    used.add(name);
    const attributes: NcAttributes = { long_name: c.name };
    if (c.unit) attributes.units = c.unit;
    if (c.processing) attributes.processing = c.processing;
    attributes._FillValue = Number.NaN;
    attributes.missing_value = Number.NaN;
    if (d.agg) attributes.cell_methods = `time: ${d.agg === 'mean' ? 'mean' : d.agg === 'last' ? 'point' : d.agg === 'min' ? 'minimum' : 'maximum'} (interval: ${d.every})`;
    return { name, attributes };
  });
  const global: NcAttributes = {
    Conventions: 'CF-1.8',
    title: `${d.instrument.name} (${d.instrument.id}) at ${d.instrument.siteName}`,
    instrument: d.instrument.id,
    instrument_kind: d.instrument.kind,
    site: d.instrument.siteId,
    source: 'fieldops partner API',
    history: `${now.toISOString()} exported by fieldops: ${d.requestPath}`,
    time_coverage_start: d.start.toISOString(),
    time_coverage_end: d.end.toISOString(),
    feed_state: d.health.state,
    feed_last_record: d.health.lastRecord ?? 'none',
    feed_completeness: d.health.completeness ?? Number.NaN,
    feed_gap_count: d.health.gapCount,
    feed_gaps: d.health.gaps.join(', '),
  };
  const time = { name: 'time', attributes: { standard_name: 'time', long_name: 'time', units: 'seconds since 1970-01-01 00:00:00 UTC', calendar: 'standard', axis: 'T' } };
  const width = variables.length + 1;
  return {
    head: () => netcdfHeader({ numrecs, globalAttributes: global, variables: [time, ...variables] }),
    rows: (rows) => netcdfRecords(rows, width),
    tail: () => Buffer.alloc(0),
  };
}
