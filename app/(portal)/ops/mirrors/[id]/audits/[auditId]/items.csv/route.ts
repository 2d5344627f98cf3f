// Every file an audit found (missing on either side, differing) as CSV, streamed in batches: an audit of a
// mirror that lost a disk can list millions of files. Operators only, like the page that links here.
import { getDb } from '@/db/client';
import { getMirrorAuditRow, streamMirrorAuditItems } from '@/db/queries/mirror-status';
import { getCurrentUser } from '@/lib/auth/session';
import { roleAllows } from '@/lib/auth/roles';
import { AUDIT_CSV_HEADER, auditCsvRow } from '@/lib/mirrors/audit-csv';

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ id: string; auditId: string }> }): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return text(401, 'sign in first');
  if (!roleAllows(user.role, 'operator')) return text(403, 'operators only');
  const { id, auditId } = await params;
  const auditNumber = /^\d{1,9}$/.test(auditId) ? Number(auditId) : NaN;
  const db = getDb();
  const audit = Number.isSafeInteger(auditNumber) ? await getMirrorAuditRow(db, auditNumber) : null;
  if (!audit || audit.mirrorId !== id) return text(404, `no audit ${auditId.slice(0, 40)} of mirror ${id.slice(0, 64)}`);
  const encoder = new TextEncoder();
  const batches = streamMirrorAuditItems(db, audit.id);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(AUDIT_CSV_HEADER));
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value.map(auditCsvRow).join('')));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="mirror-${audit.mirrorId}-audit-${audit.id}.csv"`,
      'cache-control': 'no-store',
    },
  });
}

function text(status: number, message: string): Response {
  return new Response(`${message}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
