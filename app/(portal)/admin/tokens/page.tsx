// Admin: partner API tokens (who made them, what they may read, when they expire and were last used).
import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { listApiTokens } from '@/db/queries/api-tokens';
import { listVisibleInstruments } from '@/db/queries/instrument-access';
import { RelativeTime } from '@/app/_components/relative-time';
import { tokenStatus } from '@/lib/auth/api-tokens';
import { requireUser } from '@/lib/auth/session';
import { revokeTokenAction } from './actions';
import { CreateTokenForm } from './create-token-form';

export const metadata: Metadata = { title: 'API tokens' };
export const dynamic = 'force-dynamic';

export default async function TokensPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  await requireUser('admin', '/admin/tokens');
  const db = getDb();
  const [tokens, instruments, { error }] = await Promise.all([listApiTokens(db), listVisibleInstruments(db, null), searchParams]);
  const now = new Date();
  return (
    <>
      <h1>API tokens</h1>
      <p className="subtitle">Read-only tokens for partners, each limited to named instruments. The secret is shown once, at creation.</p>
      {error ? <p className="error" role="alert">{error}</p> : null}
      <section className="panel"><CreateTokenForm instrumentIds={instruments.map((i) => i.id)} /></section>
      <section className="site">
        <table>
          <thead><tr><th>Name</th><th>Instruments</th><th>Status</th><th>Expires</th><th>Last used</th><th>Created</th><th></th></tr></thead>
          <tbody>
            {tokens.map((t) => {
              const status = tokenStatus(t, now);
              return (
                <tr key={t.id} data-token={t.name}>
                  <td><strong>{t.name}</strong> <span className="muted">{t.prefix}…</span></td>
                  <td>{t.instruments?.join(', ') ?? 'all'}</td>
                  <td data-status>{status}</td>
                  <td>{t.expiresAt?.toISOString().slice(0, 16).replace('T', ' ') ?? 'never'}</td>
                  <td><RelativeTime date={t.lastUsedAt} now={now} />{t.lastUsedFrom ? <span className="muted"> from {t.lastUsedFrom}</span> : null}</td>
                  <td><RelativeTime date={t.createdAt} now={now} /> <span className="muted">by {t.createdBy}</span></td>
                  <td>
                    {status === 'active' ? (
                      <form action={revokeTokenAction}>
                        <input type="hidden" name="tokenId" value={t.id} />
                        <button type="submit" className="danger">Revoke</button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </>
  );
}
