// A mirror is one hop: from its source (the local data store, or the mirror it names as `source`, whose
// target it reads) to its target. A chain store → gws → tape is two hops, each synced and verified on its own.
import path from 'node:path';
import type { FieldopsConfig, MirrorConfig } from '../config/schema';
import type { GroupContext } from './groups';
import type { TreeSpec } from './tree';

export interface HopSide {
  /** `data store`, or the id of the mirror whose target this is. */
  name: string;
  spec: TreeSpec;
}

export interface Hop {
  mirror: MirrorConfig;
  source: HopSide;
  target: HopSide;
  groups: GroupContext;
}

/** A mirror id the config does not have (a user's typo on the command line, a job for a removed mirror). */
export class UnknownMirrorError extends Error {}

/** Every hop (or the one of `mirrorId`), upstream before downstream, so a chain syncs in one pass. */
export function mirrorHops(config: FieldopsConfig, dataDir: string, mirrorId?: string): Hop[] {
  const byId = new Map(config.mirrors.map((m) => [m.id, m]));
  if (mirrorId !== undefined && !byId.has(mirrorId)) {
    const known = config.mirrors.map((m) => m.id).join(', ') || '(none)';
    throw new UnknownMirrorError(`no mirror '${mirrorId}' in the config; there are: ${known}`);
  }
  const depth = (m: MirrorConfig): number => {
    let d = 0;
    // The config schema refuses loops; the bound keeps a config built in code from spinning.
    for (let at = m.source; at !== undefined && d <= config.mirrors.length; at = byId.get(at)?.source) d += 1;
    return d;
  };
  const groups: GroupContext = { mediaInstruments: config.instruments.filter((i) => i.kind === 'webcam').map((i) => i.id) };
  return config.mirrors
    .filter((m) => mirrorId === undefined || m.id === mirrorId)
    .map((m, order) => ({ m, order, depth: depth(m) }))
    .sort((a, b) => a.depth - b.depth || a.order - b.order)
    .map(({ m }) => ({ mirror: m, source: sourceSide(m, byId, dataDir), target: { name: m.id, spec: m.target }, groups }));
}

function sourceSide(m: MirrorConfig, byId: Map<string, MirrorConfig>, dataDir: string): HopSide {
  if (m.source === undefined) return { name: 'data store', spec: { path: path.resolve(dataDir) } };
  const upstream = byId.get(m.source);
  if (!upstream) throw new UnknownMirrorError(`mirror '${m.id}' names source '${m.source}', which is not a mirror in the config`);
  return { name: upstream.id, spec: upstream.target };
}
