// The pure request checks: the client address we record, and the same-origin rule for state changes.
import { describe, expect, it } from 'vitest';
import { resolveClientAddress } from '../../lib/auth/client-address';
import { isSameOriginRequest } from '../../lib/auth/same-origin';

describe('client address', () => {
  it('is the socket address unless trusted proxies are configured', () => {
    expect(resolveClientAddress('::ffff:192.0.2.7', '203.0.113.9', 0)).toBe('192.0.2.7');
    expect(resolveClientAddress('2001:db8::1', undefined, 0)).toBe('2001:db8::1');
    expect(resolveClientAddress(undefined, undefined, 0)).toBeNull();
  });

  it('behind n trusted proxies, is the entry the outermost proxy appended, whatever the client sent', () => {
    // client forged "1.1.1.1"; our proxy appended the real peer 198.51.100.4
    expect(resolveClientAddress('10.0.0.2', '1.1.1.1, 198.51.100.4', 1)).toBe('198.51.100.4');
    expect(resolveClientAddress('10.0.0.2', ['1.1.1.1, 198.51.100.4', '10.0.0.9'], 2)).toBe('198.51.100.4');
    // fewer entries than proxies: fall back to the socket
    expect(resolveClientAddress('10.0.0.2', '198.51.100.4', 2)).toBe('10.0.0.2');
  });
});

describe('same-origin check for state-changing requests', () => {
  const headers = (h: Record<string, string>) => new Headers({ host: 'fieldops.example.org', ...h });

  it('lets safe methods through', () => {
    expect(isSameOriginRequest('GET', headers({ origin: 'https://evil.example' }))).toBe(true);
  });

  it('accepts a POST from our own origin', () => {
    expect(isSameOriginRequest('POST', headers({ origin: 'https://fieldops.example.org' }))).toBe(true);
    expect(isSameOriginRequest('POST', headers({ origin: 'https://fieldops.example.org', 'sec-fetch-site': 'same-origin' }))).toBe(true);
    expect(isSameOriginRequest('POST', new Headers({ host: '127.0.0.1:3000', 'x-forwarded-host': 'portal.example.org', origin: 'https://portal.example.org' }))).toBe(true);
  });

  it('refuses cross-site, opaque and Origin-less POSTs', () => {
    expect(isSameOriginRequest('POST', headers({ origin: 'https://evil.example' }))).toBe(false);
    expect(isSameOriginRequest('POST', headers({ origin: 'https://fieldops.example.org.evil.example' }))).toBe(false);
    expect(isSameOriginRequest('DELETE', headers({ origin: 'null' }))).toBe(false);
    expect(isSameOriginRequest('POST', headers({}))).toBe(false);
    expect(isSameOriginRequest('POST', headers({ origin: 'https://fieldops.example.org', 'sec-fetch-site': 'cross-site' }))).toBe(false);
    expect(isSameOriginRequest('POST', new Headers({ origin: 'https://fieldops.example.org' }))).toBe(false);
  });
});
