// Maps URL path segments to a file inside a root directory, refusing anything that could leave it: `..`,
// separators or NUL inside a segment, encoded leftovers (a `%` after Next.js decoded the path once means
// double encoding), hidden files, and symbolic links that point outside the root.
import fs from 'node:fs/promises';
import path from 'node:path';

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9 ._+@=,-]*$/;
const MAX_SEGMENTS = 16;

/** Whether the segments are plain names (letters, digits, space and `._+@=,-`, not starting with a dot or a space). */
export function safeSegments(segments: readonly string[]): boolean {
  return segments.length > 0 && segments.length <= MAX_SEGMENTS && segments.every((s) => s.length <= 255 && SEGMENT.test(s) && s !== '..');
}

/**
 * The real path of `root/segments…` if it exists and lies inside root's real path (after resolving symbolic
 * links); null otherwise. Callers answer null with 404, so probing tells nothing about the filesystem.
 */
export async function resolveInside(root: string, segments: readonly string[]): Promise<string | null> {
  if (!safeSegments(segments)) return null;
  try {
    const realRoot = await fs.realpath(root);
    const real = await fs.realpath(path.join(realRoot, ...segments));
    return real.startsWith(realRoot + path.sep) ? real : null;
  } catch {
    return null;
  }
}
