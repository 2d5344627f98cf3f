// The key that signs and encrypts session cookies: AUTH_SECRET when set, otherwise one generated on the
// first start and kept in the data folder (mode 0600), so sessions survive restarts and every web server
// on that folder agrees on it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Env } from '../env';

export function authSecretPath(dataDir: string): string {
  return path.join(dataDir, 'auth-secret');
}

export function loadAuthSecret(env: Pick<Env, 'AUTH_SECRET' | 'dataDir'>): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  const file = authSecretPath(env.dataDir);
  try {
    return readSecret(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(env.dataDir, { recursive: true });
  // Written aside, then linked into place: link() fails if another process got there first (we keep
  // theirs), and nobody ever reads a half-written file.
  const draft = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  fs.writeFileSync(draft, `${crypto.randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
  try {
    fs.linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(draft, { force: true });
  }
  return readSecret(file);
}

function readSecret(file: string): string {
  const secret = fs.readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${file} is damaged (shorter than 32 characters): delete it to make a new one (this signs everyone out)`);
  return secret;
}
