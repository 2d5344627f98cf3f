// `fieldops user …` and `fieldops token …` as an admin runs them in a shell, against a real database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../db/queries/audit-log';
import { syncConfigToDatabase } from '../../db/queries/config-sync';
import { authenticateApiToken } from '../../lib/auth/api-tokens';
import { authorizeCredentials } from '../../lib/auth/credentials';
import { demoConfig } from '../../lib/config/demo';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { runFieldops } from '../helpers/fieldops-process';

let t: TestDatabase;
let dataDir: string;

beforeAll(async () => {
  t = await createTestDatabase();
  await syncConfigToDatabase(t.db, demoConfig('/srv/demo'));
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-cli-'));
});
afterAll(async () => {
  await t?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function fieldops(...args: string[]): Promise<{ code: number | null; output: string }> {
  const run = runFieldops(args, { DATABASE_URL: t.url, FIELDOPS_DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  const code = await run.exited;
  return { code, output: run.output() };
}

/** The secret inside the printed box. */
const boxedSecret = (output: string, pattern: RegExp) => pattern.exec(output)?.[1];

describe('fieldops user', () => {
  it('add prints a generated password once, and it signs in', async () => {
    const { code, output } = await fieldops('user', 'add', '--email', 'Ops@Example.org', '--role', 'operator');
    expect(code).toBe(0);
    expect(output).toContain('added ops@example.org (operator)');
    const password = boxedSecret(output, /\| password for ops@example\.org: (\w{20}) +\|/)!;
    expect(password).toBeDefined();
    expect(await authorizeCredentials(t.db, { email: 'ops@example.org', password, address: null })).toMatchObject({ ok: true });
    const [entry] = await listAuditEntries(t.db, { action: 'user.create' });
    expect(entry).toMatchObject({ actor: expect.stringMatching(/^cli:/), target: 'ops@example.org' });
  });

  it('add with --password prints no secret; mistakes exit 2 with one clear line', async () => {
    const chosen = await fieldops('user', 'add', '--email', 'v@example.org', '--role', 'viewer', '--password', 'a long chosen password');
    expect(chosen.code).toBe(0);
    expect(chosen.output).not.toContain('a long chosen password');
    expect(chosen.output).not.toContain('+--');
    const duplicate = await fieldops('user', 'add', '--email', 'V@example.org', '--role', 'viewer');
    expect(duplicate.code).toBe(2);
    expect(duplicate.output.trim()).toBe('fieldops: a user with the email v@example.org already exists');
    const badRole = await fieldops('user', 'add', '--email', 'w@example.org', '--role', 'boss');
    expect([badRole.code, badRole.output.trim()]).toEqual([2, 'fieldops: "boss" is not a role: use viewer, operator, partner or admin']);
  });

  it('list shows users; reset-password prints a new one', async () => {
    const list = await fieldops('user', 'list');
    expect(list.output).toMatch(/ops@example\.org\s+operator\s+active\s+yes/);
    const reset = await fieldops('user', 'reset-password', '--email', 'v@example.org');
    const password = boxedSecret(reset.output, /\| new password: (\w{20}) +\|/)!;
    expect(await authorizeCredentials(t.db, { email: 'v@example.org', password, address: null })).toMatchObject({ ok: true });
  });
});

describe('fieldops token', () => {
  it('create prints the token once; it authenticates for its instruments only; revoke ends it', async () => {
    const created = await fieldops('token', 'create', '--name', 'uni-x', '--instruments', 'cl61,asfs', '--expires', '30d');
    expect(created.code).toBe(0);
    expect(created.output).toMatch(/created token uni-x: read-only, instruments cl61, asfs, expires 20\d\d-/);
    const token = boxedSecret(created.output, /\| (fot_[A-Za-z0-9_-]{43}) +\|/)!;
    const request = { method: 'GET', path: '/api/v1/instruments', address: null };
    expect(await authenticateApiToken(t.db, token, request)).toMatchObject({ ok: true, token: { instruments: ['cl61', 'asfs'] } });

    const list = await fieldops('token', 'list');
    expect(list.output).toMatch(/uni-x\s+fot_\S{8}\s+cl61,asfs\s+active/);
    expect(list.output).not.toContain(token);

    expect((await fieldops('token', 'revoke', 'uni-x')).code).toBe(0);
    expect(await authenticateApiToken(t.db, token, request)).toEqual({ ok: false, reason: 'revoked' });
    expect((await fieldops('token', 'list')).output).toMatch(/uni-x\s+\S+\s+cl61,asfs\s+revoked/);
  });

  it('refuses unknown instruments and bad lifetimes by name', async () => {
    const unknown = await fieldops('token', 'create', '--name', 'p', '--instruments', 'cl61,radar9');
    expect([unknown.code, unknown.output.trim()]).toEqual([2, 'fieldops: unknown instrument(s): radar9']);
    const lifetime = await fieldops('token', 'create', '--name', 'p', '--instruments', '*', '--expires', 'forever');
    expect(lifetime.code).toBe(2);
    expect(lifetime.output).toContain('expires: "forever" is not a lifetime');
    const missing = await fieldops('token', 'revoke', 'nope');
    expect([missing.code, missing.output.trim()]).toEqual([2, 'fieldops: there is no live token named nope']);
  });
});
