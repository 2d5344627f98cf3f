// The source keys of fieldops.config.yaml: what a folder and an sftp:// source need, with errors naming the key.
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../lib/config/load';

const base = 'campaign: { name: t }\nsites: [{ id: s, name: S }]\ninstruments:\n  - { id: a, site: s, kind: campbell-toa5, source: ';
const parse = (source: string) => parseConfig(`${base}${source} } }\n`, 'fieldops.config.yaml');
const errorOf = (source: string) => {
  try {
    parse(source);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('instrument source config', () => {
  it('defaults lookbackDays to 3 and minAge to 10 s; minAge takes a duration', () => {
    expect(parse('{ path: /data/a').instruments[0]!.source).toEqual({ path: '/data/a', lookbackDays: 3, minAge: 10 });
    expect(parse('{ path: /data/a, minAge: 2m').instruments[0]!.source!.minAge).toBe(120);
  });

  it('accepts an sftp:// path with identityFile and an optional host key fingerprint', () => {
    const hostKey = `SHA256:${'x'.repeat(43)}`;
    expect(parse(`{ path: "sftp://logger@10.0.0.5:2222/data/asfs", identityFile: /etc/fieldops/id_ed25519, hostKey: "${hostKey}"`).instruments[0]!.source)
      .toMatchObject({ path: 'sftp://logger@10.0.0.5:2222/data/asfs', identityFile: '/etc/fieldops/id_ed25519', hostKey });
  });

  it('names the key that is wrong', () => {
    expect(errorOf('{ path: "sftp://logger@host/data"')).toContain('instruments[0].source.identityFile: an sftp:// source needs identityFile');
    expect(errorOf('{ path: "sftp://host/data", identityFile: /k')).toContain('instruments[0].source.path: expected sftp://user@host[:port]/path');
    expect(errorOf('{ path: "sftp://u:secret@host/data", identityFile: /k')).toContain('instruments[0].source.path: expected sftp://user@host');
    expect(errorOf('{ path: "ftp://u@host/data"')).toContain('instruments[0].source.path: expected a folder or sftp://user@host[:port]/path, got a ftp:// URL');
    expect(errorOf('{ path: /data/a, identityFile: /k')).toContain('instruments[0].source.identityFile: identityFile and hostKey only apply to an sftp:// path');
    expect(errorOf('{ path: "sftp://u@host/d", identityFile: /k, hostKey: "ssh-ed25519 AAAA"')).toContain('instruments[0].source.hostKey: expected a fingerprint');
    expect(errorOf('{ path: /data/a, secret: x')).toContain("instruments[0].source: unknown key 'secret'");
  });
});
