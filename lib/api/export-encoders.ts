// What an export writes around its rows, per format. PostgreSQL's COPY writes the rows of every format
// (we add CSV's two header lines, JSON's document around them, and netCDF's header before its records,
// which the database writes as bytes: db/queries/export-data.ts exportNetcdfSelect). The health block
// travels in HTTP headers for every format, and in the body where the format has room for it (JSON
// `health`, netCDF global attributes).
import { netcdfHeader, netcdfName, type NcAttributes } from './netcdf3';
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

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV: names on the first line, units on the second (the time column's unit is `UTC`). */
export function csvHead(d: ExportDescription): Buffer {
  const names = ['time', ...d.columns.map((c) => c.name)].map(csvField).join(',');
  const units = ['UTC', ...d.columns.map((c) => c.unit ?? '')].map(csvField).join(',');
  return Buffer.from(`${names}\n${units}\n`, 'utf8');
}

function healthObject(h: RangeHealth) {
  return { state: h.state, lastRecord: h.lastRecord, completeness: h.completeness, gapCount: h.gapCount, gaps: h.gaps };
}

/** JSON: metadata and health first, then `rows` as arrays in `columns` order (the rows come from COPY). */
export function jsonFraming(d: ExportDescription): { head: Buffer; tail: Buffer } {
  const meta = {
    instrument: d.instrument.id, site: d.instrument.siteId, start: d.start.toISOString(), end: d.end.toISOString(),
    every: d.every, agg: d.agg, health: healthObject(d.health),
    columns: [{ name: 'time', unit: 'ISO 8601 UTC', processing: null }, ...d.columns],
  };
  return { head: Buffer.from(`${JSON.stringify(meta).slice(0, -1)},"rows":[\n`, 'utf8'), tail: Buffer.from(']}\n', 'utf8') };
}

/** NDJSON object keys, JSON-encoded once, for the query that writes the lines. */
export const ndjsonKeys = (d: ExportDescription) => d.columns.map((c) => JSON.stringify(c.name));

/** netCDF-3 classic with CF attributes: the header, which states `numrecs`, the exact number of records that follow. */
export function netcdfHead(d: ExportDescription, numrecs: number, now = new Date()): Buffer {
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
    feed_gap_count: d.health.gapCount ?? Number.NaN,
    feed_gaps: d.health.gaps.join(', '),
  };
  const time = { name: 'time', attributes: { standard_name: 'time', long_name: 'time', units: 'seconds since 1970-01-01 00:00:00 UTC', calendar: 'standard', axis: 'T' } };
  return netcdfHeader({ numrecs, globalAttributes: global, variables: [time, ...variables] });
}

/** Bytes of one netCDF record: the time and each column, as 8-byte doubles. */
export const netcdfRecordBytes = (d: ExportDescription) => 8 * (d.columns.length + 1);
