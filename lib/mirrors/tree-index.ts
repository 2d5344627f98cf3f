// One tree's files by compare key, for millions of files: an open-addressing hash table over typed arrays.
// A Map keyed by strings would need a key string per file (scope + basename) and spends most of its time
// allocating and collecting; this table hashes the key's characters where they lie in the relative path and
// confirms every hash hit character by character, so a hash collision can never make two files "equal".
//
// Key of a file: in basename mode its scope (groups.ts) and its basename; otherwise its whole relative path.
import type { SourceEntry } from '../sources/types';
import { scopeEnd } from './groups';

export class TreeIndex {
  /** Slot → index of the first file with that key, plus one (0: empty slot). */
  private readonly slots: Int32Array;
  private readonly hashes: Uint32Array;
  /** File index → the next file with the same key, or -1. */
  private readonly chain: Int32Array;
  /** File index → the first file with the same key (the one `find` returns for that key). */
  readonly heads: Int32Array;
  private readonly mask: number;
  private byPath: TreeIndex | null = null;

  constructor(readonly entries: readonly SourceEntry[], readonly byName: boolean) {
    let size = 16;
    while (size < entries.length * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.hashes = new Uint32Array(size);
    this.chain = new Int32Array(entries.length).fill(-1);
    this.heads = new Int32Array(entries.length);
    this.mask = size - 1;
    for (let i = 0; i < entries.length; i++) this.insert(i);
  }

  /** The index of a file with the same key as this path, or -1. */
  find(relativePath: string): number {
    const scope = this.byName ? scopeEnd(relativePath) : 0;
    const name = this.byName ? relativePath.lastIndexOf('/') + 1 : 0;
    const hash = hashKey(relativePath, scope, name);
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const first = this.slots[slot]!;
      if (first === 0) return -1;
      if (this.hashes[slot] === hash && this.sameKey(this.entries[first - 1]!.relativePath, relativePath, scope, name)) return first - 1;
    }
  }

  /** The next file with the same key as file `i`, or -1. */
  next(i: number): number {
    return this.chain[i]!;
  }

  /** The file at exactly this path (basename mode builds a path table the first time it is asked). */
  atPath(relativePath: string): SourceEntry | undefined {
    if (!this.byName) {
      const i = this.find(relativePath);
      return i < 0 ? undefined : this.entries[i];
    }
    this.byPath ??= new TreeIndex(this.entries, false);
    return this.byPath.atPath(relativePath);
  }

  private insert(i: number): void {
    const path = this.entries[i]!.relativePath;
    const scope = this.byName ? scopeEnd(path) : 0;
    const name = this.byName ? path.lastIndexOf('/') + 1 : 0;
    const hash = hashKey(path, scope, name);
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const first = this.slots[slot]!;
      if (first === 0) {
        this.slots[slot] = i + 1;
        this.hashes[slot] = hash;
        this.heads[i] = i;
        return;
      }
      if (this.hashes[slot] === hash && this.sameKey(this.entries[first - 1]!.relativePath, path, scope, name)) {
        this.chain[i] = this.chain[first - 1]!;
        this.chain[first - 1] = i;
        this.heads[i] = first - 1;
        return;
      }
    }
  }

  private sameKey(stored: string, path: string, scope: number, name: number): boolean {
    if (!this.byName) return stored === path;
    const storedName = stored.lastIndexOf('/') + 1;
    if (stored.length - storedName !== path.length - name || scopeEnd(stored) !== scope) return false;
    return sameChars(stored, 0, path, 0, scope) && sameChars(stored, storedName, path, name, path.length - name);
  }
}

function sameChars(a: string, aStart: number, b: string, bStart: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (a.charCodeAt(aStart + k) !== b.charCodeAt(bStart + k)) return false;
  return true;
}

/** FNV-1a over the scope, a separator and the name (the whole path when both are 0), then a final mix. */
function hashKey(path: string, scopeEnd: number, nameStart: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < scopeEnd; i++) h = Math.imul(h ^ path.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ 0x2f, 0x01000193);
  for (let i = nameStart; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 0x01000193);
  // Linear probing needs well-spread low bits; FNV alone leaves similar names (file_000123) clustered.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
