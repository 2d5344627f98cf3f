// Both sides of a hop, opened, checked and listed the same way for mirror-sync and mirror-verify.
import type { SourceEntry, SourceListing } from '../sources/types';
import type { Selection } from './groups';
import type { Hop } from './hops';
import type { MirrorTree, TreeSpec } from './tree';

export interface HopListing {
  source: MirrorTree;
  target: MirrorTree;
  fromSource: SourceListing;
  onTarget: SourceListing;
  /** The entries the selection takes (its folders may also hold files of groups left out). */
  sourceFiles: SourceEntry[];
  targetFiles: SourceEntry[];
}

/** Opens both sides, checks both roots, lists the selected folders, runs `work`, and always closes both. */
export async function withHopListing<T>(
  hop: Hop,
  selection: Selection,
  open: (spec: TreeSpec) => MirrorTree,
  work: (listing: HopListing) => Promise<T>,
): Promise<T> {
  const trees: MirrorTree[] = [];
  try {
    const source = open(hop.source.spec);
    trees.push(source);
    const target = open(hop.target.spec);
    trees.push(target);
    // Unreachable either side: the whole run fails; nothing is half-decided.
    await source.checkRoot();
    await target.checkRoot();
    const [fromSource, onTarget] = await Promise.all([source.list(selection.folders), target.list(selection.folders)]);
    const taken = (e: SourceEntry) => selection.includes(e.relativePath);
    return await work({ source, target, fromSource, onTarget, sourceFiles: fromSource.entries.filter(taken), targetFiles: onTarget.entries.filter(taken) });
  } finally {
    for (const tree of trees) await tree.close().catch(() => {});
  }
}
