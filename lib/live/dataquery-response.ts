// Parsing a DataQuery JSON answer. The Web API answers a failed command with HTTP 200 too, carrying an
// outcome/description instead of head/data; that becomes a DataQueryCommandError with the logger's words.
import { z } from 'zod';
import { loggerTimeToUtcMs } from './logger-time';

const field = z.object({
  name: z.string().min(1),
  type: z.string().optional(),
  units: z.string().optional(),
  process: z.string().optional(),
});

const value = z.union([z.number(), z.string(), z.boolean(), z.null()]);

const answer = z.object({
  head: z.object({
    signature: z.union([z.number(), z.string()]),
    environment: z.object({ table_name: z.string().optional(), station_name: z.string().optional() }).loose().optional(),
    fields: z.array(field).min(1),
  }),
  data: z.array(z.object({ time: z.string(), no: z.number().int().nonnegative(), vals: z.array(value) })).default([]),
  more: z.boolean().optional(),
});

const failure = z.object({ outcome: z.number().optional(), description: z.string().optional(), message: z.string().optional() });

export interface TableField {
  name: string;
  units: string | null;
  process: string | null;
}

export interface TableHead {
  /** As the logger reports it; compared as text. */
  signature: string;
  tableName: string | null;
  fields: TableField[];
}

export interface LoggerRecord {
  no: number;
  /** UTC ms. */
  timeMs: number;
  /** Aligned with head.fields; null for NAN, INF and anything that is not a number. */
  values: (number | null)[];
}

export interface DataQueryAnswer {
  head: TableHead;
  records: LoggerRecord[];
  more: boolean;
}

export class DataQueryCommandError extends Error {}
export class DataQueryFormatError extends Error {}

function toNumber(v: z.infer<typeof value>): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const n = Number(v);
    return v.trim() !== '' && Number.isFinite(n) ? n : null;
  }
  return null;
}

export function parseDataQueryAnswer(body: unknown, timeZone: string, what: string): DataQueryAnswer {
  const parsed = answer.safeParse(body);
  if (!parsed.success) {
    const failed = failure.safeParse(body);
    if (failed.success && (failed.data.description || failed.data.message)) {
      throw new DataQueryCommandError(`${what}: the logger refused the command: ${failed.data.description ?? failed.data.message}`);
    }
    const issue = parsed.error.issues[0]!;
    throw new DataQueryFormatError(`${what}: unexpected DataQuery answer at ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  const { head, data, more } = parsed.data;
  const fields = head.fields.map((f) => ({ name: f.name, units: f.units ?? null, process: f.process ?? null }));
  const records = data.map((row) => {
    const timeMs = loggerTimeToUtcMs(row.time, timeZone);
    if (timeMs === null) throw new DataQueryFormatError(`${what}: record ${row.no} has an unreadable time '${row.time}'`);
    if (row.vals.length !== fields.length) {
      throw new DataQueryFormatError(`${what}: record ${row.no} has ${row.vals.length} values for ${fields.length} fields`);
    }
    return { no: row.no, timeMs, values: row.vals.map(toNumber) };
  });
  return {
    head: { signature: String(head.signature), tableName: head.environment?.table_name ?? null, fields },
    records,
    more: more ?? false,
  };
}
