// `fieldops gaps <instrument> [--date YYYY-MM-DD | --all]`: every gap a live feed had (start, end, length,
// filled or not) and a summary by size. Days are UTC; without an option, today.
import type { Command } from 'commander';
import { type FeedGap, getLiveInstrument, listFeedGaps } from '../../db/queries/live';
import { withCommandDatabase } from './command-database';
import { formatDuration } from './progress';

const SIZES: [label: string, upToSeconds: number][] = [
  ['< 10 s', 10], ['10 s – 1 min', 60], ['1 – 10 min', 600], ['10 min – 1 h', 3600], ['≥ 1 h', Infinity],
];

export function registerGapsCommand(program: Command): void {
  program
    .command('gaps')
    .description('list the gaps of a live feed (start, end, length, filled or not) and a summary by size')
    .argument('<instrument>', 'a campbell-dataquery instrument id, e.g. van1')
    .option('--date <YYYY-MM-DD>', 'gaps that started on this UTC day (default: today)')
    .option('--all', 'every gap ever recorded')
    .action(async function (this: Command, instrument: string, options: { date?: string; all?: boolean }) {
      if (options.date && options.all) this.error('fieldops gaps: give --date or --all, not both', { exitCode: 2 });
      const day = options.all ? null : options.date ?? new Date().toISOString().slice(0, 10);
      if (day !== null && (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)))) {
        this.error(`fieldops gaps: --date expects YYYY-MM-DD, got '${day}'`, { exitCode: 2 });
      }
      const report = await readGaps(instrument, day);
      if (typeof report === 'string') this.error(`fieldops gaps: ${report}`, { exitCode: 2 });
      else process.stdout.write(report.text);
    });
}

async function readGaps(instrumentId: string, day: string | null): Promise<{ text: string } | string> {
  return withCommandDatabase(async (db) => {
    const instrument = await getLiveInstrument(db, instrumentId);
    if (!instrument) return `no campbell-dataquery instrument '${instrumentId}' (see the config's instruments)`;
    const fromMs = day ? Date.parse(`${day}T00:00:00Z`) : 0;
    const gaps = await listFeedGaps(db, instrument.id, day ? { fromMs, toMs: fromMs + 86_400_000 } : undefined);
    return { text: formatGapReport(gaps, { instrumentId: instrument.id, day, intervalMs: instrument.expectedIntervalSeconds * 1000 }) };
  }, { max: 1 });
}

const stamp = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 19) : '?');

function gapMs(gap: FeedGap, intervalMs: number): number {
  if (gap.fromTime && gap.toTime) return gap.toTime.getTime() - gap.fromTime.getTime() + intervalMs;
  return gap.missingRecords * intervalMs;
}

function filledText(gap: FeedGap): string {
  if (gap.filled) return 'yes';
  return gap.recoveredRecords > 0 ? `partly (${gap.recoveredRecords} of ${gap.missingRecords})` : 'no';
}

function columns(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n';
}

export function formatGapReport(gaps: FeedGap[], options: { instrumentId: string; day: string | null; intervalMs: number }): string {
  const where = options.day ? `on ${options.day} (UTC)` : 'since the feed began';
  if (gaps.length === 0) return `${options.instrumentId}: no gaps ${where}\n`;
  const unfilled = gaps.filter((g) => !g.filled).length;
  const header = `${options.instrumentId}: ${gaps.length} gap${gaps.length === 1 ? '' : 's'} ${where}, ${unfilled} not filled\n\n`;
  const list = columns([
    ['start', 'end', 'length', 'records', 'kind', 'filled'],
    ...gaps.map((g) => [stamp(g.fromTime), stamp(g.toTime), formatDuration(gapMs(g, options.intervalMs) / 1000), String(g.missingRecords),
      g.fromRecord === null ? 'time' : `no ${g.fromRecord}–${g.toRecord}`, filledText(g)]),
  ]);
  const summary = columns([
    ['size', 'gaps', 'filled', 'missing', 'recovered'],
    ...SIZES.map(([label, upTo], i) => {
      const from = i === 0 ? 0 : SIZES[i - 1]![1];
      const inSize = gaps.filter((g) => gapMs(g, options.intervalMs) / 1000 >= from && gapMs(g, options.intervalMs) / 1000 < upTo);
      return [label, String(inSize.length), String(inSize.filter((g) => g.filled).length),
        String(inSize.reduce((n, g) => n + g.missingRecords, 0)), String(inSize.reduce((n, g) => n + g.recoveredRecords, 0))];
    }),
  ]);
  return `${header}${list}\nBy size:\n${summary}`;
}
