// The Range request header (RFC 9110 §14.1.2), bytes unit only. One range is served as 206; several ranges
// are answered with the whole file (servers may ignore Range), which also defuses "many tiny ranges" abuse.

export type RangeRequest =
  | { kind: 'single'; start: number; end: number }
  | { kind: 'unsatisfiable' }
  /** Not a bytes range we serve: malformed, another unit, or several ranges. Send the whole file. */
  | { kind: 'ignore' };

const SPEC = /^(\d*)-(\d*)$/;

export function parseRangeHeader(header: string, size: number): RangeRequest {
  const match = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (!match || header.length > 1024) return { kind: 'ignore' };
  const specs = match[1]!.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (specs.length !== 1) return { kind: 'ignore' };
  const spec = SPEC.exec(specs[0]!);
  if (!spec) return { kind: 'ignore' };
  const [, first, last] = spec;
  if (first === '' && last === '') return { kind: 'ignore' };
  if (first === '') {
    // Suffix range: the last N bytes.
    const suffix = Number(last);
    if (!Number.isSafeInteger(suffix)) return { kind: 'ignore' };
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'single', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) return { kind: 'ignore' };
  if (last !== '' && Number(last) < start) return { kind: 'ignore' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'single', start, end };
}
