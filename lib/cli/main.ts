// The `fieldops` command. Each subcommand is a thin layer over domain code; errors a user can fix are
// printed as one clear line (exit 2), anything else is a bug and keeps its stack.
import { Command } from 'commander';
import { AccessInputError } from '../auth/errors';
import { ConfigError } from '../config/load';
import { EnvError } from '../env';
import { UsageError } from './instrument-arg';
import { registerGapsCommand } from './gaps';
import { migrateCommand } from './migrate';
import { registerMirrorCommands } from './mirror';
import { registerPipelineCommands } from './pipeline-commands';
import { registerTokenCommands } from './token';
import { registerUserCommands } from './user';

const program = new Command('fieldops')
  .description('fieldops: the data side of a field campaign: ingest, dashboards, live feeds, alerts, mirrors')
  .showHelpAfterError();

program
  .command('start')
  .description('run the whole portal: database (embedded unless DATABASE_URL is set), migrations, web server and workers')
  .action(async () => {
    const { startSupervisor } = await import('../supervisor/start');
    await startSupervisor();
  });

program
  .command('migrate')
  .description('apply database migrations (works whether or not `fieldops start` is running)')
  .action(migrateCommand);

registerPipelineCommands(program);
registerMirrorCommands(program);
registerUserCommands(program);
registerTokenCommands(program);
registerGapsCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError || error instanceof EnvError || error instanceof UsageError || error instanceof AccessInputError) {
    process.stderr.write(`fieldops: ${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
