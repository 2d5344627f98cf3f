// One line of a vehicle log. Records are bracketed, comma-separated and end with `],` (the last one with `]`):
//   [914.6,23,18,51,3602.5671,9945.3760,29.09,60.60,93151.56],
// A field that repeats its column's name (`[f,23,26,37,3602.5571,go,...]`) is the logger's dropout
// placeholder: that sensor gave nothing this time. A line that is nothing but the header means no signal.

export type LogLine =
  | { type: 'blank' }
  | { type: 'comment'; text: string }
  /** Bracketed fields; `closed` is false when the closing bracket is missing (a line cut short). */
  | { type: 'fields'; fields: string[]; closed: boolean }
  | { type: 'other' };

export function classifyLine(text: string): LogLine {
  const trimmed = text.trim();
  if (trimmed === '') return { type: 'blank' };
  if (trimmed.startsWith('#')) return { type: 'comment', text: trimmed };
  if (!trimmed.startsWith('[')) return { type: 'other' };
  let end = trimmed.length;
  if (trimmed.endsWith(',')) end--;
  const closed = trimmed.charCodeAt(end - 1) === 93; // ']'
  const body = trimmed.slice(1, closed ? end - 1 : end);
  return { type: 'fields', fields: body.split(',').map((field) => field.trim()), closed };
}

/** A plain decimal number as the logger prints it (`-12.5`, `93151.56`, `7`); no exponents, hex or `Infinity`. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** The field's value, `null` for a dropout (empty, or the column's own name), or `undefined` for garbage. */
export function fieldValue(field: string, columnName: string): number | null | undefined {
  if (field === '' || field === columnName) return null;
  if (!DECIMAL.test(field) || field.length > 32) return undefined;
  return Number(field);
}
