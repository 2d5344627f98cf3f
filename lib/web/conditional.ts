// Conditional request headers (RFC 9110 §13): If-None-Match / If-Modified-Since for 304, If-Range for
// whether a Range still applies to the current version of the file.

/** True when the client's cached copy is current: answer 304. If-None-Match wins over If-Modified-Since. */
export function notModified(headers: Headers, etag: string, lastModified: Date): boolean {
  const ifNoneMatch = headers.get('if-none-match');
  if (ifNoneMatch !== null) {
    if (ifNoneMatch.trim() === '*') return true;
    // Weak comparison: W/"x" matches "x".
    return ifNoneMatch.split(',').map((t) => t.trim().replace(/^W\//, '')).includes(etag);
  }
  const since = headers.get('if-modified-since');
  if (since === null) return false;
  const time = Date.parse(since);
  return Number.isFinite(time) && lastModified.getTime() <= time;
}

/** If-Range: the range applies only if the validator still names this version (strong comparison). */
export function rangeStillValid(headers: Headers, etag: string, lastModified: Date): boolean {
  const ifRange = headers.get('if-range');
  if (ifRange === null) return true;
  const value = ifRange.trim();
  if (value.startsWith('"')) return value === etag;
  if (value.startsWith('W/')) return false;
  const time = Date.parse(value);
  return Number.isFinite(time) && time === lastModified.getTime();
}
