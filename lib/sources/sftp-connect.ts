// Opening an SFTP session with key authentication, and turning ssh2's failures into messages an operator
// can act on: which host, and whether the network, the key or the host key was the problem.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { Client, type SFTPWrapper } from 'ssh2';
import { SourceUnavailableError } from './types';

export interface SftpTarget {
  host: string;
  port: number;
  username: string;
  /** Absolute folder on the server. */
  root: string;
  identityFile: string;
  /** `SHA256:…` as `ssh-keygen -lf` prints it; when absent any host key is accepted. */
  hostKey?: string;
  readyTimeoutMs?: number;
}

export interface SftpSession {
  sftp: SFTPWrapper;
  end(): void;
}

/** sftp://user@host[:port]/path → the connection parts (the config schema has already checked the shape). */
export function parseSftpUrl(url: string): { host: string; port: number; username: string; root: string } {
  const parsed = new URL(url);
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port ? Number(parsed.port) : 22,
    username: decodeURIComponent(parsed.username),
    root: decodeURIComponent(parsed.pathname) || '/',
  };
}

export function describeTarget(t: Pick<SftpTarget, 'host' | 'port' | 'username' | 'root'>): string {
  return `sftp://${t.username}@${t.host}:${t.port}${t.root}`;
}

/** The fingerprint format of `ssh-keygen -lf`: SHA256 of the key blob, base64 without padding. */
export function hostKeyFingerprint(key: Buffer): string {
  return `SHA256:${crypto.createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

export function openSftpSession(target: SftpTarget): Promise<SftpSession> {
  const where = describeTarget(target);
  return new Promise((resolve, reject) => {
    let privateKey: Buffer;
    try {
      privateKey = fs.readFileSync(target.identityFile);
    } catch (error) {
      reject(new SourceUnavailableError(`${where}: cannot read identityFile ${target.identityFile}: ${(error as Error).message}`));
      return;
    }
    const client = new Client();
    let settled = false;
    let seenHostKey: string | null = null;
    const fail = (message: string, cause?: unknown) => {
      if (settled) return;
      settled = true;
      client.end();
      reject(new SourceUnavailableError(`${where}: ${message}`, { cause }));
    };
    client.on('error', (error: Error & { level?: string; code?: string }) => fail(explain(error, target, seenHostKey), error));
    client.on('close', () => fail('the connection closed before the SFTP session started'));
    client.on('ready', () => {
      client.sftp((error, sftp) => {
        if (error) return fail(`the server refused the SFTP subsystem: ${error.message}`, error);
        settled = true;
        resolve({ sftp, end: () => client.end() });
      });
    });
    try {
      client.connect({
        host: target.host,
        port: target.port,
        username: target.username,
        privateKey,
        readyTimeout: target.readyTimeoutMs ?? 20_000,
        keepaliveInterval: 15_000,
        hostVerifier: (key: Buffer) => {
          seenHostKey = hostKeyFingerprint(key);
          return !target.hostKey || target.hostKey === seenHostKey;
        },
      });
    } catch (error) {
      // ssh2 throws synchronously for a key it cannot parse (encrypted, wrong format).
      fail(`cannot use identityFile ${target.identityFile}: ${(error as Error).message}`, error);
    }
  });
}

function explain(error: Error & { level?: string; code?: string }, target: SftpTarget, seenHostKey: string | null): string {
  if (target.hostKey && seenHostKey && seenHostKey !== target.hostKey) {
    return `the server's host key ${seenHostKey} does not match source.hostKey ${target.hostKey} (refusing to connect)`;
  }
  switch (error.level) {
    case 'client-authentication':
      return `authentication with the key in ${target.identityFile} was refused (is its public key in ${target.username}'s authorized_keys?)`;
    case 'client-timeout':
      return `no SSH handshake within ${(target.readyTimeoutMs ?? 20_000) / 1000} s (host down or a firewall dropping packets?)`;
    case 'client-socket':
      return `cannot connect: ${error.code ?? error.message}`;
    default:
      return `SSH connection failed: ${error.message}`;
  }
}
