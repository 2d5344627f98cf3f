// Picks the source implementation from an instrument's `source.path`.
import type { InstrumentConfig } from '../config/schema';
import { LocalFolderSource } from './local-folder';
import { SftpSource } from './sftp';
import { parseSftpUrl } from './sftp-connect';
import type { Source } from './types';

export type SourceConfig = NonNullable<InstrumentConfig['source']>;

export function isSftpPath(sourcePath: string): boolean {
  return /^sftp:\/\//i.test(sourcePath);
}

export function openSource(config: SourceConfig, options: { readyTimeoutMs?: number } = {}): Source {
  if (!isSftpPath(config.path)) return new LocalFolderSource(config.path);
  // The config schema requires identityFile for sftp://; this guards sources built in code.
  if (!config.identityFile) throw new Error(`${config.path}: an sftp:// source needs identityFile`);
  return new SftpSource({ ...parseSftpUrl(config.path), identityFile: config.identityFile, hostKey: config.hostKey, ...options });
}
