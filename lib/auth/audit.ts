// recordAudit: one row in audit_log per control action, sign-in, failed sign-in and token use. Who is an
// email, `token:<name>`, `cli:<os user>` or `system`; what is `noun.verb` (`token.revoke`).
import os from 'node:os';
import { getDb } from '../../db/client';
import { insertAuditEntry } from '../../db/queries/audit-log';
import type { Queryable } from '../../db/client';

export interface AuditEvent {
  actor: string;
  action: string;
  target?: string | null;
  address?: string | null;
  details?: Record<string, unknown>;
}

export async function recordAudit(event: AuditEvent, db: Queryable = getDb()): Promise<void> {
  await insertAuditEntry(db, {
    actor: event.actor.slice(0, 320),
    action: event.action,
    target: event.target?.slice(0, 500) ?? null,
    address: event.address ?? null,
    details: event.details ?? {},
  });
}

export const tokenActor = (name: string) => `token:${name}`;

/** Commands run on the server itself: the operating-system account stands for who did it. */
export function cliActor(): string {
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}
