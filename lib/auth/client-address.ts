// The client's address for audit entries and sign-in throttling. Next.js fills X-Forwarded-For from the
// socket only when the client did not send one, so that header alone can be forged by anyone. The web
// server (lib/web/server.ts) therefore stamps its own header on every request, after removing any copy a
// client sent: the socket address, or, when FIELDOPS_TRUSTED_PROXIES says n reverse proxies stand in front,
// the address the outermost trusted proxy saw (the n-th X-Forwarded-For entry from the right).
// Deliberately free of Next.js imports: the plain Node web server uses it too.
import type { IncomingMessage } from 'node:http';

export const CLIENT_ADDRESS_HEADER = 'x-fieldops-client-address';

export function resolveClientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedProxies: number): string | null {
  if (trustedProxies > 0 && forwardedFor) {
    const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',').map((s) => s.trim()).filter(Boolean);
    // Entries right of the client's were appended by our proxies; anything further left is client-supplied.
    const candidate = hops[hops.length - trustedProxies];
    if (candidate) return normalizeAddress(candidate);
  }
  return socketAddress ? normalizeAddress(socketAddress) : null;
}

/** Called by the web server for every request before Next.js sees it. */
export function stampClientAddress(req: IncomingMessage, trustedProxies: number): void {
  delete req.headers[CLIENT_ADDRESS_HEADER];
  const address = resolveClientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], trustedProxies);
  if (address) req.headers[CLIENT_ADDRESS_HEADER] = address;
}

/** The stamped address from a request's headers (null under `next dev`, which does not stamp it). */
export function clientAddressFrom(headers: Headers): string | null {
  return headers.get(CLIENT_ADDRESS_HEADER);
}

function normalizeAddress(address: string): string {
  const plain = address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
  return plain.slice(0, 64);
}
