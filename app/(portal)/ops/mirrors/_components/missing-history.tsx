// The missing counts of a mirror's recent audits as an inline SVG bar chart: no client code for a picture
// that changes once per audit. A failed audit is a grey bar of full height (it counted nothing).
import type { AuditHistoryPoint } from '@/db/queries/mirror-status';

const WIDTH = 560;
const HEIGHT = 90;

export function MissingHistory({ points }: { points: AuditHistoryPoint[] }) {
  if (points.length === 0) return <p className="muted">No audits yet.</p>;
  const total = (p: AuditHistoryPoint) => p.missingOnTarget + p.missingOnSource + p.differs;
  const max = Math.max(1, ...points.map(total));
  const slot = WIDTH / Math.max(points.length, 30);
  const bar = Math.max(2, slot * 0.7);
  return (
    <figure style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT + 14}`} width="100%" style={{ maxWidth: WIDTH }} role="img"
        aria-label={`Missing files over the last ${points.length} audits; latest ${total(points.at(-1)!)}`}>
        <line x1={0} y1={HEIGHT} x2={WIDTH} y2={HEIGHT} stroke="#9ca3af" />
        {points.map((p, i) => {
          const x = i * slot;
          const onTarget = (p.missingOnTarget / max) * HEIGHT;
          const other = ((p.missingOnSource + p.differs) / max) * HEIGHT;
          const when = p.startedAt.toISOString().slice(0, 16).replace('T', ' ');
          return (
            <g key={p.auditId}>
              <title>{p.outcome === 'failed' ? `${when}: failed` : `${when}: ${p.missingOnTarget} missing on target, ${p.missingOnSource} on source, ${p.differs} differ`}</title>
              {p.outcome === 'failed'
                ? <rect x={x} y={0} width={bar} height={HEIGHT} fill="#d1d5db" />
                : total(p) === 0
                  // Nothing missing is still a result: a short green mark, so it is not read as "no audit".
                  ? <rect x={x} y={HEIGHT - 3} width={bar} height={3} fill="#16a34a" />
                  : (
                  <>
                    <rect x={x} y={HEIGHT - onTarget} width={bar} height={onTarget} fill="#dc2626" />
                    <rect x={x} y={HEIGHT - onTarget - other} width={bar} height={other} fill="#f59e0b" />
                  </>
                )}
            </g>
          );
        })}
        <text x={0} y={HEIGHT + 12} fontSize={10} fill="#6b7280">{points[0]!.startedAt.toISOString().slice(0, 10)}</text>
        <text x={WIDTH} y={HEIGHT + 12} fontSize={10} fill="#6b7280" textAnchor="end">max {max}</text>
      </svg>
      <figcaption className="muted">Red: missing on the mirror; amber: missing on the source or differing; green: nothing missing; grey: audit failed.</figcaption>
    </figure>
  );
}
