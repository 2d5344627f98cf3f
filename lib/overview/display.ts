// How the overview writes values and links; pure, so hostile stored paths and odd numbers can be tested.

const big = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const small = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });

/** 1234.56 → "1,234.6", 0.012345 → "0.0123"; a missing value (NAN, fill) is a dash. */
export function formatValue(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return Math.abs(value) >= 100 ? big.format(value) : small.format(value);
}

/**
 * A quicklook's URL from its path relative to the data directory (`products/quicklooks/...` is served at
 * `/products/quicklooks/...`). Each segment is encoded and `.`/`..` segments dropped, so a stored path can
 * neither leave that tree nor inject markup or a query.
 */
export function quicklookUrl(relativePath: string): string {
  return `/${relativePath.split(/[\\/]+/).filter((s) => s && s !== '.' && s !== '..').map(encodeURIComponent).join('/')}`;
}
