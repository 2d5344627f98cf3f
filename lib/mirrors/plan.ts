// Comparing two listings, as pure functions: what a sync must copy, and what a verification reports. Both
// index the target once by its compare key (tree-index.ts; no pairwise search), because a campaign archive
// holds millions of files and the daily verification lists both sides in full.
//
// Keys: `basename` compares a file's name within its scope (raw/<instrument>, see groups.ts), so a dated
// Y2026/M11/D21/ layout matches a flat one; the other modes compare relative paths. A basename that occurs
// twice in one scope of the source (a daily `data.csv` in every dated folder) cannot stand for one file, so
// those files are matched by path instead: a same-named file elsewhere must not hide a missing one.
import type { MirrorConfig } from '../config/schema';
import type { SourceEntry } from '../sources/types';
import { TreeIndex } from './tree-index';

export type CompareBy = MirrorConfig['compareBy'];
export type FindingStatus = 'missing_on_target' | 'missing_on_source' | 'differs';

export interface Finding {
  status: FindingStatus;
  /** The file on the side that has it (the source's for `differs`). */
  entry: SourceEntry;
  other?: SourceEntry;
}

/**
 * Every source file looked up once in an index of the target: `heads[i]` is the first target file with
 * source file i's key (or -1), and `sourceHas[j]` counts (up to 2) the source files with the key of target
 * chain head j, which says both "this target file is on the source" and "this basename is not unique there".
 */
export class TreeMatch {
  readonly target: TreeIndex;
  readonly heads: Int32Array;
  readonly sourceHas: Uint8Array;

  constructor(readonly source: readonly SourceEntry[], target: readonly SourceEntry[], readonly byName: boolean) {
    this.target = new TreeIndex(target, byName);
    this.heads = new Int32Array(source.length);
    this.sourceHas = new Uint8Array(target.length);
    for (let i = 0; i < source.length; i++) {
      const j = this.target.find(source[i]!.relativePath);
      this.heads[i] = j;
      if (j >= 0 && this.sourceHas[j]! < 2) this.sourceHas[j]! += 1;
    }
  }

  /**
   * The target's copy of source file i: by key, except for a basename the source holds twice (then by
   * path). Among several target files with the key, the one at the source's own path wins (it is the one a
   * sync writes), else the newest.
   */
  copyOf(i: number): SourceEntry | undefined {
    let j = this.heads[i]!;
    if (j < 0) return undefined;
    const path = this.source[i]!.relativePath;
    if (this.byName && this.sourceHas[j]! > 1) return this.target.atPath(path);
    let best = this.target.entries[j]!;
    for (j = this.target.next(j); j >= 0 && best.relativePath !== path; j = this.target.next(j)) {
      const t = this.target.entries[j]!;
      if (t.relativePath === path || t.mtimeMs > best.mtimeMs) best = t;
    }
    return best;
  }

  /** Whether target file j's key is on the source at all. */
  onSource(j: number): boolean {
    return this.sourceHas[this.target.heads[j]!]! > 0;
  }
}

/** SFTP carries whole seconds, so a copy's mtime can only be compared at that resolution. */
function seconds(ms: number): number {
  return Math.floor(ms / 1000);
}

export interface CopyPlan {
  copies: { entry: SourceEntry; reason: 'new' | 'changed' }[];
  unchanged: number;
  /** sha256 mode: same size and not newer; copied only if their contents differ. */
  toHash: { source: SourceEntry; target: SourceEntry }[];
}

/**
 * What a sync copies: source files inside the window that the target lacks, or holds at another size or
 * older than the source's mtime. "Older", not "different": a legacy copy made without keeping mtimes is
 * newer than its source and is not copied again every night.
 */
export function planCopies(source: readonly SourceEntry[], target: readonly SourceEntry[], compareBy: CompareBy, inWindow: (e: SourceEntry) => boolean): CopyPlan {
  const match = new TreeMatch(source, target, compareBy === 'basename');
  const plan: CopyPlan = { copies: [], unchanged: 0, toHash: [] };
  for (let i = 0; i < source.length; i++) {
    const s = source[i]!;
    if (!inWindow(s)) continue;
    const t = match.copyOf(i);
    if (!t) plan.copies.push({ entry: s, reason: 'new' });
    else if (t.size !== s.size || seconds(s.mtimeMs) > seconds(t.mtimeMs)) plan.copies.push({ entry: s, reason: 'changed' });
    else if (compareBy === 'sha256') plan.toHash.push({ source: s, target: t });
    else plan.unchanged += 1;
  }
  return plan;
}

export interface Comparison {
  findings: Finding[];
  /** Files inside the window on each side. */
  sourceCount: number;
  targetCount: number;
  /** sha256 mode: pairs of the same size, which differ only if their contents do. */
  toHash: { source: SourceEntry; target: SourceEntry }[];
}

/**
 * What a verification reports. Files are matched across the whole of both trees and only reported inside
 * the window, so a file whose copy has another mtime (older folder, copy made without keeping times) is
 * never reported missing just because one side of it falls outside the window.
 */
export function compareTrees(source: readonly SourceEntry[], target: readonly SourceEntry[], compareBy: CompareBy, inWindow: (e: SourceEntry) => boolean): Comparison {
  const match = new TreeMatch(source, target, compareBy === 'basename');
  const result: Comparison = { findings: [], sourceCount: 0, targetCount: 0, toHash: [] };
  for (let i = 0; i < source.length; i++) {
    const s = source[i]!;
    if (!inWindow(s)) continue;
    result.sourceCount += 1;
    const t = match.copyOf(i);
    if (!t) result.findings.push({ status: 'missing_on_target', entry: s });
    else if ((compareBy === 'size' || compareBy === 'sha256') && t.size !== s.size) result.findings.push({ status: 'differs', entry: s, other: t });
    else if (compareBy === 'sha256') result.toHash.push({ source: s, target: t });
  }
  for (let j = 0; j < target.length; j++) {
    const t = target[j]!;
    if (!inWindow(t)) continue;
    result.targetCount += 1;
    if (!match.onSource(j)) result.findings.push({ status: 'missing_on_source', entry: t });
  }
  return result;
}

/** Entries whose mtime falls in [fromMs, toMs). */
export function mtimeWindow(fromMs: number, toMs: number): (e: SourceEntry) => boolean {
  return (e) => e.mtimeMs >= fromMs && e.mtimeMs < toMs;
}
