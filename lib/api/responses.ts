// JSON responses for API route handlers. Error bodies carry a short message and never a stack trace:
// `apiRoute` turns anything thrown into a 500 with an id that is also in the server log.
import crypto from 'node:crypto';
import { createLogger } from '../log';

const NO_STORE = { 'cache-control': 'no-store' };

export function jsonOk(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return Response.json(body, { status: init.status ?? 200, headers: { ...NO_STORE, ...init.headers } });
}

export function jsonError(status: number, error: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error }, { status, headers: { ...NO_STORE, ...headers } });
}

export const notFound = () => jsonError(404, 'not found');

let log: ReturnType<typeof createLogger> | undefined;

/** Wraps a route handler so that an unexpected error becomes a plain 500, logged with an error id. */
export function apiRoute<Args extends unknown[]>(handler: (request: Request, ...args: Args) => Promise<Response>) {
  return async (request: Request, ...args: Args): Promise<Response> => {
    try {
      return await handler(request, ...args);
    } catch (error) {
      // Next's own control flow (redirect(), forbidden()) travels as errors with a digest: let it through.
      if (typeof (error as { digest?: unknown })?.digest === 'string') throw error;
      const id = crypto.randomUUID();
      log ??= createLogger('api');
      log.error({ err: error, errorId: id, path: new URL(request.url).pathname }, 'API request failed');
      return jsonError(500, `internal error (id ${id})`);
    }
  };
}
