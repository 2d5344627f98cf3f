// The partner API documentation: public (it documents, and reveals no data), with copy-paste examples
// for the server it is served from, and a link to the OpenAPI description.
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { openApiDocument } from '@/lib/api/openapi';
import { apiExamples } from './examples';

export const metadata: Metadata = { title: 'Partner API' };

async function serverBase(): Promise<string> {
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000';
  const proto = h.get('x-forwarded-proto') ?? 'http';
  return `${proto.split(',')[0]!.trim()}://${host.split(',')[0]!.trim()}`;
}

export default async function ApiDocsPage() {
  const base = await serverBase();
  const spec = openApiDocument(base);
  const operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.values(methods).map((op) => ({ path, summary: op.summary, id: op.operationId })));
  return (
    <>
      <h1>Partner API</h1>
      <p className="subtitle">
        Read-only HTTP access to instruments, time series and raw files. Machine-readable description:{' '}
        <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).
      </p>
      <section className="panel">
        <h2>Access</h2>
        <p>
          Every call carries <code>Authorization: Bearer fot_…</code>. An admin creates tokens (<code>fieldops token create
          --name partner --instruments cl61,asfs --expires 90d</code>, or the API tokens page). A token sees only the instruments in
          its scope (others answer 404, like missing ones), expires, can be revoked, and every call is in the audit log under its name.
        </p>
        <h2>Limits and errors</h2>
        <ul>
          <li><b>400</b>: a bad parameter; the message starts with the parameter&apos;s name.</li>
          <li><b>401</b>: no valid token. <b>404</b>: unknown, or outside your scope.</li>
          <li><b>413</b>: more values than one request may return; the JSON body says how long a span fits per call, how many calls the range needs, or a coarser <code>every</code>.</li>
          <li><b>429</b>: over the per-minute rate limit of your token; wait <code>Retry-After</code> seconds.</li>
        </ul>
        <h2>Data health</h2>
        <p>
          Data responses carry <code>X-Feed-State</code>, <code>X-Feed-Last-Record</code>, <code>X-Feed-Completeness</code> (records found /
          expected in the range), <code>X-Feed-Gap-Count</code> and <code>X-Feed-Gaps</code> (ISO 8601 intervals). JSON repeats them as
          <code> health</code>, netCDF as global attributes <code>feed_*</code>. CSV keeps its first line for names and its second for units.
        </p>
      </section>
      <section className="panel">
        <h2>Endpoints</h2>
        <table>
          <tbody>
            {operations.map((op) => (
              <tr key={op.id}><td><code>GET {op.path}</code></td><td>{op.summary}</td></tr>
            ))}
          </tbody>
        </table>
      </section>
      {apiExamples(base).map((example) => (
        <section className="panel" key={example.title}>
          <h2>{example.title}</h2>
          <h3>curl</h3>
          <pre><code>{example.curl}</code></pre>
          <h3>Python (requests)</h3>
          <pre><code>{example.python}</code></pre>
        </section>
      ))}
    </>
  );
}
