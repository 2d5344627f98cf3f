// Makes the database's sites, instruments and mirrors match the config. Removing one from the config
// disables it and stamps removedFromConfigAt; nothing is deleted, because files and data point at it.
import { and, isNull, notInArray, sql } from 'drizzle-orm';
import type { FieldopsConfig } from '../../lib/config/schema';
import type { Database } from '../client';
import { instruments, mirrors, sites } from '../schema';

export interface ConfigSyncResult {
  sites: number;
  instruments: number;
  mirrors: number;
  disabled: string[];
}

export async function syncConfigToDatabase(db: Database, config: FieldopsConfig): Promise<ConfigSyncResult> {
  return db.transaction(async (tx) => {
    const siteIds = config.sites.map((s) => s.id);
    const instrumentIds = config.instruments.map((i) => i.id);
    const mirrorIds = config.mirrors.map((m) => m.id);

    for (const site of config.sites) {
      const row = { id: site.id, name: site.name, lat: site.lat ?? null, lon: site.lon ?? null,
        timezone: site.timezone ?? config.campaign.timezone, enabled: true, removedFromConfigAt: null };
      await tx.insert(sites).values(row).onConflictDoUpdate({ target: sites.id, set: { ...row, updatedAt: sql`now()` } });
    }
    for (const inst of config.instruments) {
      const row = {
        id: inst.id, siteId: inst.site, kind: inst.kind, name: inst.name ?? inst.id, enabled: inst.enabled,
        expectedIntervalSeconds: inst.expectedInterval ?? null, timezone: inst.timezone,
        source: inst.source ?? null, schedule: inst.schedule, logger: inst.logger ? redactLogger(inst.logger) : null,
        keyVariables: inst.keyVariables ?? null, removedFromConfigAt: null,
      };
      // `paused` is an operator's decision and survives config reloads, so it is not in the update set.
      await tx.insert(instruments).values(row).onConflictDoUpdate({ target: instruments.id, set: { ...row, updatedAt: sql`now()` } });
    }
    for (const m of config.mirrors) {
      const row = { id: m.id, sourceId: m.source ?? null, target: m.target, include: m.include, compareBy: m.compareBy,
        lookbackDays: m.lookbackDays, schedule: m.schedule ?? null, enabled: true, removedFromConfigAt: null };
      await tx.insert(mirrors).values(row).onConflictDoUpdate({ target: mirrors.id, set: { ...row, updatedAt: sql`now()` } });
    }

    const removed = { enabled: false, removedFromConfigAt: sql`now()` };
    const disabledInstruments = await tx
      .update(instruments)
      .set(removed)
      .where(and(isNull(instruments.removedFromConfigAt), instrumentIds.length ? notInArray(instruments.id, instrumentIds) : undefined))
      .returning({ id: instruments.id });
    await tx.update(sites).set(removed)
      .where(and(isNull(sites.removedFromConfigAt), siteIds.length ? notInArray(sites.id, siteIds) : undefined));
    await tx.update(mirrors).set(removed)
      .where(and(isNull(mirrors.removedFromConfigAt), mirrorIds.length ? notInArray(mirrors.id, mirrorIds) : undefined));

    return { sites: siteIds.length, instruments: instrumentIds.length, mirrors: mirrorIds.length, disabled: disabledInstruments.map((r) => r.id) };
  });
}

/** The logger password stays in the config file; the database (readable by operators' pages) gets no secrets. */
function redactLogger(logger: NonNullable<FieldopsConfig['instruments'][number]['logger']>): Record<string, unknown> {
  const { password, ...rest } = logger;
  return { ...rest, hasPassword: password !== undefined };
}
