// `fieldops mirror sync|verify`: the mirror jobs in the foreground, on the same domain code the workers run.
import type { Command } from 'commander';
import { mirrorSyncCommand } from './mirror-sync';
import { mirrorVerifyCommand } from './mirror-verify';

export function registerMirrorCommands(program: Command): void {
  const mirror = program.command('mirror').description('copy files to the archive mirrors, and prove that every file is on every mirror');

  mirror
    .command('sync')
    .description('copy new and changed files within the lookback to each mirror (upstream hops first), with a progress bar')
    .option('--mirror <id>', 'only this mirror (default: every mirror)')
    .option('--instrument <id>', "only this instrument's files")
    .option('--days <n>', "look back this many days (default: the mirror's lookbackDays)")
    .option('--date <YYYY-MM-DD>', 'only files modified on this UTC day')
    .action(mirrorSyncCommand);

  mirror
    .command('verify')
    .description('compare each hop now, store the audits and print the report the daily email sends')
    .option('--mirror <id>', 'only this mirror (default: every hop)')
    .option('--from <YYYY-MM-DD>', 'first day reported on (default: the first day of last month)')
    .option('--to <YYYY-MM-DD>', 'last day reported on (default: today)')
    .option('--csv <file>', 'also write the full lists as CSV (the email attachment) to this file')
    .action(mirrorVerifyCommand);
}
