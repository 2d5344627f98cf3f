// `fieldops files <instrument> [--state S]`: the ledger, one line per file.
import { listLedger } from '../../db/queries/ledger-list';
import { fileState, type FileState } from '../../db/schema';
import { withCommandDatabase } from './command-database';
import { UsageError } from './instrument-arg';

export async function filesCommand(instrumentId: string, flags: { state?: string; limit?: string }): Promise<void> {
  const states = fileState.enumValues as readonly string[];
  if (flags.state && !states.includes(flags.state)) throw new UsageError(`--state must be one of ${states.join(', ')}, got '${flags.state}'`);
  const limit = flags.limit ? Number(flags.limit) : 1000;
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive whole number, got '${flags.limit}'`);
  await withCommandDatabase(async (db) => {
    const rows = await listLedger(db, instrumentId, { state: flags.state as FileState | undefined, limit });
    for (const f of rows) {
      const range = f.dataStart && f.dataEnd ? `${f.dataStart.toISOString()} .. ${f.dataEnd.toISOString()}` : '-';
      process.stdout.write(`${f.state.padEnd(11)} ${f.relativePath}  ${f.size} B  rows ${f.rowsAppended}  ${range}${f.late ? '  LATE' : ''}` +
        `${f.error ? `\n            ${f.error}` : ''}\n`);
    }
    process.stdout.write(`${rows.length} file(s)${flags.state ? ` in state ${flags.state}` : ''}\n`);
  }, { syncConfig: true, max: 1 });
}
