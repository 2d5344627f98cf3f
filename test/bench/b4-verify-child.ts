// The verifying process of B4: reads two listings (`path<TAB>size<TAB>mtime seconds`, as `find -printf
// '%P\t%s\t%T@\n'` writes them), compares them by basename with lib/mirrors/plan, and prints its wall time,
// CPU time, peak RSS and what it found as JSON. Like mirror-verify it also tallies the coverage grid's
// cells (lib/mirrors/coverage.ts), which walks the source listing once more.
import fs from 'node:fs';
import { tallyCoverage } from '../../lib/mirrors/coverage';
import { compareTrees } from '../../lib/mirrors/plan';
import type { SourceEntry } from '../../lib/sources/types';

const [sourceFile, targetFile] = process.argv.slice(2) as [string, string];
const started = performance.now();
const cpu = process.cpuUsage();
const source = readListing(sourceFile);
const target = readListing(targetFile);
const result = compareTrees(source, target, 'basename', () => true);
const coverageCells = tallyCoverage(source, result.findings, () => true).length;
const seconds = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpu);
const count = (status: string) => result.findings.filter((f) => f.status === status).length;
process.stdout.write(`${JSON.stringify({
  seconds, cpuSeconds: (used.user + used.system) / 1e6, maxRssMb: process.resourceUsage().maxRSS / 1024,
  missingOnTarget: count('missing_on_target'), missingOnSource: count('missing_on_source'), files: source.length + target.length,
  coverageCells,
})}\n`);

/**
 * Read in 1 MiB blocks, one small string per path: holding the whole listing as one string and slicing it
 * would keep 70 MB per side alive beside the entries.
 */
function readListing(file: string): SourceEntry[] {
  const entries: SourceEntry[] = [];
  const fd = fs.openSync(file, 'r');
  const buffer = Buffer.allocUnsafe(1 << 20);
  let carried = 0;
  try {
    for (;;) {
      const read = fs.readSync(fd, buffer, carried, buffer.length - carried, null);
      const end = carried + read;
      let start = 0;
      for (let newline = buffer.indexOf(10, start); newline >= 0 && newline < end; newline = buffer.indexOf(10, start)) {
        const tab = buffer.indexOf(9, start);
        const tab2 = buffer.indexOf(9, tab + 1);
        entries.push({ relativePath: buffer.toString('latin1', start, tab), size: digits(buffer, tab + 1, tab2), mtimeMs: digits(buffer, tab2 + 1, newline) * 1000 });
        start = newline + 1;
      }
      if (read === 0) return entries;
      buffer.copy(buffer, 0, start, end);
      carried = end - start;
    }
  } finally {
    fs.closeSync(fd);
  }
}

function digits(buffer: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = buffer[i]! - 48;
    if (c < 0 || c > 9) break; // the fraction of %T@
    n = n * 10 + c;
  }
  return n;
}
