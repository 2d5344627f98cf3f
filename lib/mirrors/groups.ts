// What a mirror carries, as folders below a tree root. The data store and every mirror target share one
// layout at the top (raw/<instrument>/…, products/…), so the same groups select the same files on both sides
// of a hop; below an instrument's folder the layouts may differ (dated folders against a flat legacy archive),
// which is why the default comparison is by basename within that folder (its "scope").
//
//   raw            raw/                     (every instrument, including webcams and ops snapshots)
//   raw:<id>       raw/<id>/
//   products       products/
//   quicklooks     products/quicklooks/
//   media          raw/<each webcam instrument>/ and products/media/
//   ops            raw/ops_monitor/
//   !group         leaves a group out, e.g. [raw, products, "!media"] with media on a mirror of its own schedule

export interface GroupContext {
  /** Instruments whose raw folders are webcam media. */
  mediaInstruments: string[];
}

export interface Selection {
  /** Folders to list, relative to a tree root; none lies inside another. */
  folders: string[];
  includes(relativePath: string): boolean;
}

export class GroupError extends Error {}

const OPS_FOLDER = 'raw/ops_monitor';
/** Product folders with one subfolder per instrument (their scope and instrument are one level deeper). */
const PER_INSTRUMENT_PRODUCTS = new Set(['quicklooks', 'media']);

export function groupFolders(group: string, context: GroupContext): string[] {
  const raw = /^raw:([a-z0-9][a-z0-9_-]*)$/.exec(group);
  if (raw) return [`raw/${raw[1]}`];
  switch (group) {
    case 'raw': return ['raw'];
    case 'products': return ['products'];
    case 'quicklooks': return ['products/quicklooks'];
    case 'media': return [...context.mediaInstruments.map((id) => `raw/${id}`), 'products/media'];
    case 'ops': return [OPS_FOLDER];
    default:
      throw new GroupError(`unknown mirror group '${group}': expected raw, raw:<instrument>, products, quicklooks, media or ops`);
  }
}

/**
 * The files a mirror's `include` list selects. With `instrument`, only that instrument's files (its raw
 * folder, and its quicklooks and media), for `fieldops mirror sync --instrument`.
 */
export function selectGroups(include: string[], context: GroupContext, instrument?: string): Selection {
  const wanted = include.filter((g) => !g.startsWith('!')).flatMap((g) => groupFolders(g, context));
  const leftOut = include.filter((g) => g.startsWith('!')).flatMap((g) => groupFolders(g.slice(1), context));
  let folders = outermost(wanted);
  // Only the raw folder is narrowed before listing (it is where the bulk is); products are filtered after.
  if (instrument) folders = outermost(folders.map((f) => (f === 'raw' ? `raw/${instrument}` : f)).filter((f) => !f.startsWith('raw/') || f === `raw/${instrument}`));
  const inside = (relativePath: string, folder: string) => relativePath.startsWith(folder) && relativePath.charCodeAt(folder.length) === 47; // '/'
  return {
    folders,
    includes: (relativePath) =>
      folders.some((f) => inside(relativePath, f)) &&
      !leftOut.some((f) => inside(relativePath, f)) &&
      (instrument === undefined || instrumentOf(relativePath) === instrument),
  };
}

/** Drops folders that lie inside another one of the list (and duplicates). */
function outermost(folders: string[]): string[] {
  const unique = [...new Set(folders)].sort();
  return unique.filter((f) => !unique.some((other) => other !== f && f.startsWith(`${other}/`)));
}

/**
 * The end of the scope of a path (as an index into it): the folder within which basenames are compared.
 * raw/<instrument>, products/quicklooks/<instrument>, products/media/<instrument>, else products/<folder>;
 * a file directly in a top folder has that folder as its scope. Written with indexOf, not split, because a
 * verification calls it for every file of both trees.
 */
export function scopeEnd(relativePath: string): number {
  const first = relativePath.indexOf('/');
  if (first < 0) return 0;
  const second = relativePath.indexOf('/', first + 1);
  if (second < 0) return first;
  if (relativePath.startsWith('products/') && PER_INSTRUMENT_PRODUCTS.has(relativePath.slice(first + 1, second))) {
    const third = relativePath.indexOf('/', second + 1);
    if (third >= 0) return third;
  }
  return second;
}

/** The instrument a path belongs to (raw/<id>/…, products/quicklooks|media/<id>/…), or null. */
export function instrumentOf(relativePath: string): string | null {
  const first = relativePath.indexOf('/');
  const second = relativePath.indexOf('/', first + 1);
  if (first < 0 || second < 0) return null;
  const top = relativePath.slice(0, first);
  if (top === 'raw') return relativePath.slice(first + 1, second);
  if (top === 'products' && PER_INSTRUMENT_PRODUCTS.has(relativePath.slice(first + 1, second))) {
    const third = relativePath.indexOf('/', second + 1);
    return third < 0 ? null : relativePath.slice(second + 1, third);
  }
  return null;
}

export function basenameOf(relativePath: string): string {
  return relativePath.slice(relativePath.lastIndexOf('/') + 1);
}

/**
 * Files no mirror carries or compares: hidden names (our own `.name.fieldops-partial` copies in progress,
 * editors' and rsync's temporaries, .DS_Store on a legacy share).
 */
export function isHiddenPath(relativePath: string): boolean {
  return relativePath.startsWith('.') || relativePath.includes('/.');
}
