// Opens one side of a hop from its path: a local or mounted folder, or sftp://user@host[:port]/path.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isSftpPath } from '../sources/open';
import { parseSftpUrl } from '../sources/sftp-connect';
import { SourceUnavailableError } from '../sources/types';
import { LocalTree } from './tree-local';
import { SftpTree } from './tree-sftp';
import type { MirrorTree, TreeSpec } from './tree';

export function openTree(spec: TreeSpec, options: { readyTimeoutMs?: number } = {}): MirrorTree {
  if (!isSftpPath(spec.path)) return new LocalTree(spec.path);
  return new SftpTree({
    ...parseSftpUrl(spec.path), identityFile: spec.identityFile ?? defaultIdentityFile(spec.path), hostKey: spec.hostKey, ...options,
  });
}

/** Without identityFile, the worker user's own key, in the order `ssh` tries them. */
function defaultIdentityFile(url: string): string {
  const candidates = ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((name) => path.join(os.homedir(), '.ssh', name));
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) throw new SourceUnavailableError(`${url}: the target has no identityFile and none of ${candidates.join(', ')} exists`);
  return found;
}
