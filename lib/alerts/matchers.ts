// Label matching shared by rules, silences and maintenance windows: every key of the matcher must be present
// in the labels with an equal value, where `*` in a matcher value stands for any run of characters
// (`instrument: "cl*"`). An empty matcher matches everything.

export type Labels = Record<string, string>;

const patternCache = new Map<string, RegExp>();

function valueMatches(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  let re = patternCache.get(pattern);
  if (!re) {
    const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    re = new RegExp(`^${escaped}$`);
    patternCache.set(pattern, re);
  }
  return re.test(value);
}

export function labelsMatch(matcher: Labels, labels: Labels): boolean {
  return Object.entries(matcher).every(([key, pattern]) => labels[key] !== undefined && valueMatches(pattern, labels[key]));
}

/** A stable identity for a series' labels, independent of key order: `host=a,kind=worker`. */
export function seriesKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((key) => `${key}=${labels[key]}`)
    .join(',');
}

/** The short name of a series in messages: its most telling label. */
export function seriesName(labels: Labels): string {
  for (const key of ['instrument', 'component', 'queue', 'path', 'mirror', 'host']) if (labels[key]) return labels[key];
  return seriesKey(labels) || 'all';
}
