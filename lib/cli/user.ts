// `fieldops user add|list|reset-password`: portal users from the server's shell (the first admin, a lost
// password). Secrets are printed once; only their scrypt hash is stored.
import type { Command } from 'commander';
import { listUsers } from '../../db/queries/users';
import { createUser, resetUserPassword } from '../auth/accounts';
import { cliActor } from '../auth/audit';
import { withCommandDatabase } from './command-database';
import { boxed, table } from './format';

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('portal users: add, list, reset a password');

  user
    .command('add')
    .description('add a user; prints a generated password once unless --password or --no-password is given')
    .requiredOption('--email <email>', 'their email address (the sign-in name)')
    .requiredOption('--role <role>', 'viewer | operator | partner | admin')
    .option('--name <name>', 'display name')
    .option('--password <password>', 'a chosen password (at least 12 characters; note it stays in shell history)')
    .option('--no-password', 'no password: the user signs in only through the site\'s OpenID Connect provider')
    .action(async (options: { email: string; role: string; name?: string; password?: string | boolean }) => {
      await withCommandDatabase(async (db) => {
        const { user: created, generatedPassword } = await createUser(db, {
          email: options.email,
          role: options.role,
          name: options.name ?? null,
          password: typeof options.password === 'string' ? options.password : undefined,
          noPassword: options.password === false,
        }, { actor: cliActor() });
        process.stdout.write(`added ${created.email} (${created.role})\n`);
        if (generatedPassword) process.stdout.write(boxed([`password for ${created.email}: ${generatedPassword}`, 'shown only this once']));
      });
    });

  user
    .command('list')
    .description('list users with role, status and last sign-in')
    .action(async () => {
      await withCommandDatabase(async (db) => {
        const rows = (await listUsers(db)).map((u) => [u.email, u.role, u.disabled ? 'disabled' : 'active',
          u.passwordHash ? 'yes' : 'no', u.lastSignInAt?.toISOString() ?? 'never']);
        process.stdout.write(table(['EMAIL', 'ROLE', 'STATUS', 'PASSWORD', 'LAST SIGN-IN'], rows));
      });
    });

  user
    .command('reset-password')
    .description('set a new password (generated and printed once unless --password is given)')
    .requiredOption('--email <email>', 'the user\'s email')
    .option('--password <password>', 'a chosen password (at least 12 characters)')
    .action(async (options: { email: string; password?: string }) => {
      await withCommandDatabase(async (db) => {
        const generated = await resetUserPassword(db, options.email, options.password, { actor: cliActor() });
        process.stdout.write(`password changed for ${options.email.trim().toLowerCase()}\n`);
        if (generated) process.stdout.write(boxed([`new password: ${generated}`, 'shown only this once']));
      });
    });
}
