import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '../../lib/env';

describe('environment', () => {
  it('defaults PORT and the data folder', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.dataDir).toBe(path.resolve('./.fieldops'));
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('treats empty values as unset', () => {
    expect(parseEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('names the variable that is wrong', () => {
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(EnvError);
    expect(() => parseEnv({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must be a postgres/);
    expect(() => parseEnv({ SMTP_URL: 'http://x' })).toThrow(/SMTP_URL/);
  });

  it('reads the access-control settings, and wants the OpenID Connect trio complete', () => {
    const env = parseEnv({});
    expect([env.FIELDOPS_ADMIN_EMAIL, env.FIELDOPS_TRUSTED_PROXIES, env.AUTH_OIDC_ISSUER]).toEqual(['admin@localhost', 0, undefined]);
    expect(parseEnv({ FIELDOPS_TRUSTED_PROXIES: '1' }).FIELDOPS_TRUSTED_PROXIES).toBe(1);
    expect(() => parseEnv({ FIELDOPS_ADMIN_EMAIL: 'admin' })).toThrow(/FIELDOPS_ADMIN_EMAIL: must be an email address/);
    expect(() => parseEnv({ AUTH_OIDC_ISSUER: 'https://id.example.org' })).toThrow(/AUTH_OIDC_ID: must be set together with AUTH_OIDC_ISSUER/);
    const oidc = { AUTH_OIDC_ISSUER: 'https://id.example.org', AUTH_OIDC_ID: 'fieldops', AUTH_OIDC_SECRET: 's3cret' };
    expect(parseEnv(oidc)).toMatchObject({ ...oidc, AUTH_OIDC_NAME: 'Single sign-on' });
  });
});
