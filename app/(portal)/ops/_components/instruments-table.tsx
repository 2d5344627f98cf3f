// Instruments with the operator's enable/disable switch (the `paused` flag: pipelines and pollers skip it).
import type { OpsInstrument } from '@/db/queries/ops-control';
import { setInstrumentEnabledAction } from '../actions';
import { StatusDot } from './status-dot';

export function InstrumentsTable({ instruments, controls }: { instruments: OpsInstrument[]; controls: boolean }) {
  return (
    <table>
      <thead><tr><th>Instrument</th><th>Kind</th><th>State</th>{controls ? <th>Actions</th> : null}</tr></thead>
      <tbody>
        {instruments.map((i) => {
          const state = !i.enabled ? 'disabled' : i.paused ? 'paused' : 'up';
          return (
            <tr key={i.id} data-instrument={i.id}>
              <td><strong>{i.id}</strong> <span className="muted">{i.name !== i.id ? i.name : ''}</span></td>
              <td>{i.kind}</td>
              <td><StatusDot state={state} label={!i.enabled ? 'disabled in config' : i.paused ? 'disabled by operator' : 'enabled'} /></td>
              {controls ? (
                <td>
                  {i.enabled ? (
                    <form action={setInstrumentEnabledAction} className="row-actions">
                      <input type="hidden" name="instrumentId" value={i.id} />
                      <input type="hidden" name="enabled" value={i.paused ? 'true' : 'false'} />
                      <button type="submit" className={i.paused ? 'secondary' : 'danger'} aria-label={`${i.paused ? 'Enable' : 'Disable'} ${i.id}`}>
                        {i.paused ? 'Enable' : 'Disable'}
                      </button>
                    </form>
                  ) : <span className="muted">change the config</span>}
                </td>
              ) : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
