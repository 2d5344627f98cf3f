// `fieldops token create|list|revoke`: read-only partner API tokens, scoped to instruments, expiring.
// The token is printed once; the database keeps its SHA-256.
import type { Command } from 'commander';
import { listApiTokens } from '../../db/queries/api-tokens';
import { createApiToken, DEFAULT_TOKEN_LIFETIME, revokeToken, tokenStatus } from '../auth/api-tokens';
import { cliActor } from '../auth/audit';
import { withCommandDatabase } from './command-database';
import { boxed, table } from './format';

export function registerTokenCommands(program: Command): void {
  const token = program.command('token').description('partner API tokens: create, list, revoke');

  token
    .command('create')
    .description('create a read-only API token and print it once')
    .requiredOption('--name <name>', 'a name for who uses it, e.g. the partner (letters, digits, . _ -)')
    .requiredOption('--instruments <ids>', 'comma-separated instrument ids it may read, or * for all')
    .option('--expires <lifetime>', 'lifetime: 12h, 90d, 4w, 1y (at most 2 years)', DEFAULT_TOKEN_LIFETIME)
    .action(async (options: { name: string; instruments: string; expires: string }) => {
      await withCommandDatabase(async (db) => {
        const { token: secret, row } = await createApiToken(db, {
          name: options.name,
          instruments: options.instruments.split(','),
          expires: options.expires,
        }, { actor: cliActor() });
        process.stdout.write(`created token ${row.name}: read-only, instruments ${row.instruments?.join(', ') ?? 'all'}, expires ${row.expiresAt!.toISOString()}\n`);
        process.stdout.write(boxed([secret, 'shown only this once; send as: Authorization: Bearer <token>']));
      });
    });

  token
    .command('list')
    .description('list tokens with scope, status, expiry and last use')
    .action(async () => {
      await withCommandDatabase(async (db) => {
        const now = new Date();
        const rows = (await listApiTokens(db)).map((t) => [t.name, t.prefix, t.instruments?.join(',') ?? '*', tokenStatus(t, now),
          t.expiresAt?.toISOString() ?? 'never', t.lastUsedAt ? `${t.lastUsedAt.toISOString()} from ${t.lastUsedFrom ?? '?'}` : 'never']);
        process.stdout.write(table(['NAME', 'PREFIX', 'INSTRUMENTS', 'STATUS', 'EXPIRES', 'LAST USED'], rows));
      });
    });

  token
    .command('revoke')
    .description('revoke a token at once (it keeps its name in the list)')
    .argument('<name>', 'the token\'s name')
    .action(async (name: string) => {
      await withCommandDatabase(async (db) => {
        await revokeToken(db, { name }, { actor: cliActor() });
        process.stdout.write(`revoked token ${name}\n`);
      });
    });
}
