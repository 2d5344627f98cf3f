// The raw archive of a live feed: one CSV per UTC day, <data>/raw/<instrument>/YYYYMMDD.csv, header on the
// first record of the day. The mirrors copy the raw folder, so live records reach the archive like files do.
// Times are UTC ("YYYY-MM-DD HH:MM:SS"), missing values "NAN" as the logger writes them. Should the program
// change during a day, its new layout goes to YYYYMMDD_v<version>.csv rather than a second header mid-file.
import fs from 'node:fs/promises';
import path from 'node:path';

export interface CsvRecord {
  no: number;
  timeMs: number;
  values: (number | null)[];
}

export function csvDay(timeMs: number): string {
  return new Date(timeMs).toISOString().slice(0, 10).replaceAll('-', '');
}

function csvTime(timeMs: number): string {
  const iso = new Date(timeMs).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, timeMs % 1000 === 0 ? 19 : 23)}`;
}

export function csvHeader(fields: string[]): string {
  return ['TIMESTAMP', 'RECORD', ...fields].map((f) => (/[",\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(',');
}

export function csvLine(record: CsvRecord): string {
  return [csvTime(record.timeMs), String(record.no), ...record.values.map((v) => (v === null ? 'NAN' : String(v)))].join(',');
}

async function firstLine(file: string): Promise<string | null> {
  let handle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const buffer = Buffer.alloc(65_536);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead === 0) return null;
    return buffer.subarray(0, bytesRead).toString('utf8').split('\n')[0]!.replace(/\r$/, '');
  } finally {
    await handle.close();
  }
}

export class RawCsvWriter {
  /** Header already checked per file, so a day's file is read once, not on every record. */
  private readonly headers = new Map<string, string | null>();

  constructor(private readonly folder: string) {}

  static forInstrument(rawDir: string, instrumentId: string): RawCsvWriter {
    return new RawCsvWriter(path.join(rawDir, instrumentId));
  }

  async append(fields: string[], streamVersion: number, records: CsvRecord[]): Promise<string[]> {
    const header = csvHeader(fields);
    const byDay = new Map<string, CsvRecord[]>();
    for (const r of records) byDay.set(csvDay(r.timeMs), [...(byDay.get(csvDay(r.timeMs)) ?? []), r]);
    const written: string[] = [];
    for (const [day, dayRecords] of byDay) {
      const file = await this.fileFor(day, header, streamVersion);
      const lines = dayRecords.map(csvLine);
      const existing = this.headers.get(file) ?? null;
      await fs.appendFile(file, `${existing === null ? `${header}\n` : ''}${lines.join('\n')}\n`);
      this.headers.set(file, header);
      written.push(file);
    }
    return written;
  }

  private async fileFor(day: string, header: string, streamVersion: number): Promise<string> {
    await fs.mkdir(this.folder, { recursive: true });
    const plain = path.join(this.folder, `${day}.csv`);
    const plainHeader = await this.headerOf(plain);
    if (plainHeader === null || plainHeader === header) return plain;
    const versioned = path.join(this.folder, `${day}_v${streamVersion}.csv`);
    await this.headerOf(versioned);
    return versioned;
  }

  private async headerOf(file: string): Promise<string | null> {
    if (!this.headers.has(file)) this.headers.set(file, await firstLine(file));
    return this.headers.get(file) ?? null;
  }
}
