// Streams and variables: the catalogue that observations and profiles point into. Resolved inside the
// append transaction, so a file's catalogue entries and its rows commit (or vanish) together.
import crypto from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { VariableMeta } from '../../lib/instruments/types';
import type { Queryable } from '../client';
import { streams, type Variable, variables } from '../schema';

export interface ResolvedSeries {
  streamId: number;
  /** Variable ids in the order of the metas asked for. */
  variableIds: number[];
}

/**
 * The newest stream version of `name` whose variables agree with `metas`, with an id for each variable. A
 * variable that exists with another unit, shape or profile axis (a radar's new chirp program, a ceilometer's
 * new resolution) means the instrument's program changed: a new stream version starts, never mixing series.
 * Instruments that alternate between a few programs go back to the version that matches, rather than
 * starting a new one at every switch.
 */
export async function resolveSeries(tx: Queryable, instrumentId: string, name: string, metas: VariableMeta[]): Promise<ResolvedSeries> {
  const versions = await tx.select().from(streams)
    .where(and(eq(streams.instrumentId, instrumentId), eq(streams.name, name)))
    .orderBy(desc(streams.version));
  const names = metas.map((m) => m.name);
  let stream: (typeof versions)[number] | undefined;
  let existing = new Map<string, Variable>();
  for (const candidate of versions) {
    const candidateVariables = await variablesByName(tx, candidate.id, names);
    if (!metas.some((m) => conflicts(candidateVariables.get(m.name), m))) {
      stream = candidate;
      existing = candidateVariables;
      break;
    }
  }
  stream ??= await createStream(tx, instrumentId, name, (versions[0]?.version ?? 0) + 1, metas);
  const missing = metas.filter((m) => !existing.has(m.name));
  if (missing.length > 0) {
    await tx.insert(variables).values(missing.map((m) => ({
      streamId: stream.id, name: m.name, unit: m.unit, processing: m.processing, shape: m.shape, axis: m.axis ?? null, attributes: m.attributes ?? {},
    }))).onConflictDoNothing();
    existing = await variablesByName(tx, stream.id, metas.map((m) => m.name));
  }
  return { streamId: stream.id, variableIds: metas.map((m) => existing.get(m.name)!.id) };
}

function conflicts(current: Variable | undefined, meta: VariableMeta): boolean {
  if (current === undefined) return false;
  return current.shape !== meta.shape || (current.unit ?? null) !== (meta.unit ?? null) || !sameAxis(current.axis, meta.axis);
}

/** Profile axes agree when their values do (range gates in metres, channel frequencies); scalars have none. */
function sameAxis(stored: unknown, axis: VariableMeta['axis']): boolean {
  const storedValues = (stored as { values?: unknown } | null)?.values;
  if (!axis) return !Array.isArray(storedValues);
  if (!Array.isArray(storedValues) || storedValues.length !== axis.values.length) return false;
  // JSON keeps a non-finite axis value as null.
  return axis.values.every((v, i) => (Number.isFinite(v) ? v : null) === storedValues[i]);
}

async function createStream(tx: Queryable, instrumentId: string, name: string, version: number, metas: VariableMeta[]) {
  const signature = crypto.createHash('sha1').update(JSON.stringify(metas.map((m) => [m.name, m.unit, m.shape]))).digest('hex').slice(0, 16);
  await tx.insert(streams).values({ instrumentId, name, version, signature }).onConflictDoNothing();
  const [row] = await tx.select().from(streams)
    .where(and(eq(streams.instrumentId, instrumentId), eq(streams.name, name), eq(streams.version, version)));
  return row!;
}

async function variablesByName(tx: Queryable, streamId: number, names: string[]): Promise<Map<string, Variable>> {
  if (names.length === 0) return new Map();
  const rows = await tx.select().from(variables).where(and(eq(variables.streamId, streamId), inArray(variables.name, names)));
  return new Map(rows.map((r) => [r.name, r]));
}
