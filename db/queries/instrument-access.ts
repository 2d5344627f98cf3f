// Instruments as the API shows them, limited to what a caller may see: a token's instrument scope, or
// every instrument (scope null) for a signed-in portal user.
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { instruments, sites } from '../schema';
import type { Queryable } from '../client';

export interface VisibleInstrument {
  id: string;
  name: string;
  kind: string;
  siteId: string;
  siteName: string;
  enabled: boolean;
  paused: boolean;
  expectedIntervalSeconds: number | null;
}

const columns = {
  id: instruments.id,
  name: instruments.name,
  kind: instruments.kind,
  siteId: instruments.siteId,
  siteName: sites.name,
  enabled: instruments.enabled,
  paused: instruments.paused,
  expectedIntervalSeconds: instruments.expectedIntervalSeconds,
};

export async function listVisibleInstruments(db: Queryable, scope: readonly string[] | null): Promise<VisibleInstrument[]> {
  if (scope && scope.length === 0) return [];
  return db
    .select(columns)
    .from(instruments)
    .innerJoin(sites, eq(sites.id, instruments.siteId))
    .where(and(isNull(instruments.removedFromConfigAt), scope ? inArray(instruments.id, [...scope]) : undefined))
    .orderBy(asc(instruments.id));
}

/** One instrument, or undefined when it does not exist or lies outside the scope (the caller cannot tell). */
export async function getVisibleInstrument(db: Queryable, id: string, scope: readonly string[] | null): Promise<VisibleInstrument | undefined> {
  if (scope && !scope.includes(id)) return undefined;
  const [row] = await db
    .select(columns)
    .from(instruments)
    .innerJoin(sites, eq(sites.id, instruments.siteId))
    .where(and(eq(instruments.id, id), isNull(instruments.removedFromConfigAt)));
  return row;
}

/** Which of `ids` are not instruments in the database (for a clear message when creating a token). */
export async function findUnknownInstrumentIds(db: Queryable, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const known = await db.select({ id: instruments.id }).from(instruments).where(inArray(instruments.id, [...ids]));
  const found = new Set(known.map((r) => r.id));
  return ids.filter((id) => !found.has(id));
}
