// A source decides the names, and an SFTP server we do not control can send any bytes as a file name. A
// name is only used under the raw store after it passes this check, so no listing can make the sync write
// outside <data>/raw/<instrument>/.

/** Why a path relative to a source root is refused, or null if it is safe to use as a ledger key. */
export function checkRelativePath(relativePath: string): string | null {
  if (relativePath.length === 0) return 'empty path';
  if (relativePath.length > 4096) return 'path longer than 4096 characters';
  // NUL cuts C strings short; other control characters (newlines) forge log lines and break reports.
  if (/[\u0000-\u001f\u007f]/.test(relativePath)) return 'control character in the name';
  // A backslash is a separator on Windows hosts, where the mirror or a user may one day look at the file.
  if (relativePath.includes('\\')) return 'backslash in the name';
  if (relativePath.startsWith('/')) return 'absolute path';
  if (/^[A-Za-z]:/.test(relativePath)) return 'drive-letter path';
  for (const segment of relativePath.split('/')) {
    if (segment === '') return 'empty path segment';
    if (segment === '.' || segment === '..') return `'${segment}' path segment`;
  }
  return null;
}

/** Joins a folder's relative path and an entry name from a listing; refuses names that are not one segment. */
export function childPath(parent: string, name: string): { path: string; problem: string | null } {
  const joined = parent ? `${parent}/${name}` : name;
  if (name.includes('/')) return { path: joined, problem: "'/' inside a listed name" };
  return { path: joined, problem: checkRelativePath(joined) };
}
