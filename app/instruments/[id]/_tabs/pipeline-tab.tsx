// The pipeline tab: a grid of days × stages (sync, append, quicklook) with each cell's state, two weeks
// ending at the URL's day (or the newest day with anything). Operators get a re-run button per cell.
import { getDb } from '@/db/client';
import { countFileStatesByDay, getNewestPipelineDay, listLatestStageRuns, type StageRun } from '@/db/queries/instrument-pipeline';
import type { UserRole } from '@/lib/auth/roles';
import { roleAllows } from '@/lib/auth/roles';
import type { InstrumentView } from '@/lib/charts/view-state';
import { type Stage, STAGE_QUEUES, STAGES } from '@/lib/pipeline/rerun-stage';
import { DayPicker } from '../_components/day-picker';
import { RerunButton } from '../_components/rerun-button';
import styles from '../instrument.module.css';

const DAYS = 14;

type CellState = 'ok' | 'failed' | 'running' | 'pending' | 'none';
interface Cell { state: CellState; detail: string }

function runCell(run: StageRun | undefined): Cell {
  if (!run) return { state: 'none', detail: 'no run' };
  const when = run.startedAt.toISOString().slice(0, 16).replace('T', ' ');
  if (run.outcome === 'succeeded') return { state: 'ok', detail: `ran ${when}` };
  if (run.outcome === 'running') return { state: 'running', detail: `since ${when}` };
  return { state: 'failed', detail: `${run.outcome} ${when}${run.error ? `: ${run.error.slice(0, 120)}` : ''}` };
}

function appendCell(states: Map<string, number> | undefined): Cell {
  if (!states || states.size === 0) return { state: 'none', detail: 'no files' };
  const n = (s: string) => states.get(s) ?? 0;
  const total = [...states.values()].reduce((a, b) => a + b, 0);
  const bad = n('failed') + n('quarantined');
  const waiting = n('discovered') + n('fetched');
  if (bad > 0) return { state: 'failed', detail: `${bad} of ${total} files failed or quarantined` };
  if (waiting > 0) return { state: 'pending', detail: `${waiting} of ${total} files waiting` };
  return { state: 'ok', detail: `${total} file${total === 1 ? '' : 's'} appended` };
}

/** Scheduled syncs cover a lookback, not a day (job_runs.day is null): the day's files say what they did. */
function syncCellFromFiles(states: Map<string, number> | undefined): Cell {
  if (!states || states.size === 0) return { state: 'none', detail: 'no run, no files' };
  const total = [...states.values()].reduce((a, b) => a + b, 0);
  const discovered = states.get('discovered') ?? 0;
  if (discovered > 0) return { state: 'pending', detail: `${discovered} of ${total} files not fetched yet` };
  return { state: 'ok', detail: `${total} file${total === 1 ? '' : 's'} fetched` };
}

function daysEnding(last: string): string[] {
  const end = Date.parse(`${last}T00:00:00Z`);
  return Array.from({ length: DAYS }, (_, i) => new Date(end - i * 86_400_000).toISOString().slice(0, 10));
}

export async function PipelineTab({ instrumentId, view, role }: { instrumentId: string; view: InstrumentView; role: UserRole }) {
  const db = getDb();
  const last = view.day ?? (await getNewestPipelineDay(db, instrumentId)) ?? new Date().toISOString().slice(0, 10);
  const days = daysEnding(last);
  const [from, to] = [days.at(-1)!, days[0]!];
  const [runs, fileStates] = await Promise.all([
    listLatestStageRuns(db, instrumentId, Object.values(STAGE_QUEUES), from, to),
    countFileStatesByDay(db, instrumentId, from, to),
  ]);
  const runOf = new Map(runs.map((r) => [`${r.queue}/${r.day}`, r]));
  const filesOf = new Map<string, Map<string, number>>();
  for (const f of fileStates) filesOf.set(f.day, (filesOf.get(f.day) ?? new Map<string, number>()).set(f.state, f.n));
  const canRerun = roleAllows(role, 'operator');

  const cell = (day: string, stage: Stage): Cell => {
    const run = runOf.get(`${STAGE_QUEUES[stage]}/${day}`);
    if (stage === 'append') {
      const fromFiles = appendCell(filesOf.get(day));
      return run?.outcome === 'running' ? runCell(run) : fromFiles;
    }
    if (stage === 'sync' && !run) return syncCellFromFiles(filesOf.get(day));
    return runCell(run);
  };

  return (
    <section aria-label="Pipeline">
      <DayPicker instrumentId={instrumentId} view={view} />
      <div className="site">
        <table className={styles.grid} data-testid="pipeline-grid">
          <thead><tr><th>Day (UTC)</th>{STAGES.map((s) => <th key={s}>{s}</th>)}</tr></thead>
          <tbody>
            {days.map((day) => (
              <tr key={day} data-day={day}>
                <td>{day}</td>
                {STAGES.map((stage) => {
                  const c = cell(day, stage);
                  return (
                    <td key={stage} data-stage={stage} data-state={c.state}>
                      <div className={styles.cell}>
                        <span className={styles[`s-${c.state}`]} title={c.detail}>{c.state === 'none' ? '–' : c.state}</span>
                        <span className="muted">{c.detail}</span>
                        {canRerun ? <RerunButton instrumentId={instrumentId} day={day} stage={stage} /> : null}
                      </div>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
