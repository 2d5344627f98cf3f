// What the supervisor checked before it started anything (<data>/run/preflight.json).
import type { PreflightReport } from '@/lib/ops/control/preflight-file';
import { StatusDot } from './status-dot';

const STATE = { PASS: 'up', WARN: 'late', FAIL: 'down' } as const;

export function PreflightList({ report, problem }: { report: PreflightReport | null; problem: string | null }) {
  if (!report) return <p className="muted" style={{ padding: '0 1rem' }}>{problem}</p>;
  return (
    <table>
      <caption className="muted">checked {report.at}</caption>
      <tbody>
        {report.results.map((r, i) => (
          <tr key={i} data-check={r.name}>
            <td><StatusDot state={STATE[r.status]} label={r.status} /></td>
            <td><strong>{r.name}</strong></td>
            <td>{r.detail}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
