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

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}
