// Instrument × day, each cell coloured by the share of the source's files this mirror holds; the title
// gives the numbers (a colour alone is not readable by everyone).
import { completenessColour, coverageGrid, type CoverageInput } from '@/lib/mirrors/coverage-grid';
import styles from '../mirrors.module.css';

export function CoverageGrid({ window, cells }: { window: { start: string; end: string }; cells: CoverageInput[] }) {
  const grid = coverageGrid(window, cells);
  if (grid.rows.length === 0) return <p className="muted">No instrument files in the audit window.</p>;
  return (
    <div className={styles.gridScroll}>
      <table className={styles.grid} aria-label="Coverage by instrument and day">
        <thead>
          <tr>
            <th scope="col">Instrument</th>
            {grid.days.map((day) => <th key={day} scope="col" title={day}>{day.slice(8)}</th>)}
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row) => (
            <tr key={row.instrument}>
              <th scope="row">{row.instrument}</th>
              {row.cells.map((cell) => (
                <td
                  key={cell.day}
                  data-instrument={row.instrument}
                  data-day={cell.day}
                  data-present={cell.present}
                  data-expected={cell.expected}
                  title={cell.expected > 0 ? `${row.instrument} ${cell.day}: ${cell.present}/${cell.expected} files` : `${row.instrument} ${cell.day}: no files`}
                  style={{ background: completenessColour(cell.ratio) }}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className={`muted ${styles.legend}`}>
        {[['complete', 1], ['≥ 90 %', 0.95], ['≥ 50 %', 0.6], ['< 50 %', 0], ['no files', null]].map(([label, ratio]) => (
          <span key={String(label)}><i style={{ background: completenessColour(ratio as number | null) }} />{label}</span>
        ))}
      </p>
    </div>
  );
}
