// One progress line for long commands: redrawn in place on a terminal, printed every few seconds otherwise
// (logs, CI), so a long ingest always shows it is moving.
export class ProgressLine {
  private lastPrint = 0;
  private readonly tty = Boolean(process.stdout.isTTY);

  constructor(private readonly label: string) {}

  update(text: string, force = false): void {
    const now = Date.now();
    if (!force && now - this.lastPrint < (this.tty ? 100 : 5000)) return;
    this.lastPrint = now;
    if (this.tty) process.stdout.write(`\r\x1b[2K${this.label} ${text}`);
    else process.stdout.write(`${this.label} ${text}\n`);
  }

  done(text: string): void {
    if (this.tty) process.stdout.write(`\r\x1b[2K`);
    process.stdout.write(`${this.label} ${text}\n`);
  }
}

/** "42 s", "3 min 5 s", "2 h 7 min". Rounded to the second first, so 119.6 s is "2 min 0 s", never "1 min 60 s". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}
