import type { Command } from 'commander';
import { filesCommand } from './files';
import { ingestCommand } from './ingest';

export function registerPipelineCommands(program: Command): void {
  program
    .command('ingest')
    .description('sync an instrument\'s source and append its files now, with progress and a summary')
    .argument('<instrument>', 'instrument id from the config')
    .option('--days <n>', 'look back this many days (default: the instrument\'s lookbackDays)')
    .option('--date <YYYY-MM-DD>', 'only files modified on this UTC day')
    .option('--file <path>', 'only this file')
    .option('--dry-run', 'parse the files in the window and report, writing nothing')
    .action(ingestCommand);

  program
    .command('files')
    .description('list an instrument\'s file ledger (newest first)')
    .argument('<instrument>', 'instrument id')
    .option('--state <state>', 'only files in this state: discovered, fetched, appended, failed, quarantined')
    .option('--limit <n>', 'at most this many files', '1000')
    .action(filesCommand);
}
