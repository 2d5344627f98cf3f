// Start, stop and restart of supervised processes, asked for from the ops page. The web tier never touches a
// process: it queues a command for the supervisor on the component's host (component_commands + NOTIFY),
// which acts and records the result (lib/ops/control/command-consumer.ts).
import type { Queryable } from '../../../db/client';
import { insertComponentCommand } from '../../../db/queries/ops-control';
import { componentActions, type ComponentAction, type ComponentCommand } from '../../../db/schema';
import { recordAudit } from '../../auth/audit';
import { ControlInputError, type ControlActor } from './actor';

/** The children a supervisor runs (lib/supervisor/start.ts). */
export const controllableComponents = ['web', 'worker', 'demo-files'] as const;

/** Stopping the web server from its own page would leave nothing to start it again with: restart only. */
export function allowedActions(component: string): readonly ComponentAction[] {
  return component === 'web' ? ['restart'] : componentActions;
}

export async function requestComponentCommand(
  db: Queryable, request: { component: string; host: string; action: string }, who: ControlActor,
): Promise<ComponentCommand> {
  const component = controllableComponents.find((c) => c === request.component);
  if (!component) throw new ControlInputError(`no component '${request.component.slice(0, 80)}' (one of ${controllableComponents.join(', ')})`);
  const action = componentActions.find((a) => a === request.action);
  if (!action || !allowedActions(component).includes(action)) throw new ControlInputError(`${component} cannot be asked to '${request.action.slice(0, 40)}'`);
  if (!/^[A-Za-z0-9_.-]{1,253}$/.test(request.host)) throw new ControlInputError('not a host name');
  const command = await insertComponentCommand(db, { component, host: request.host, action, requestedBy: who.actor });
  await recordAudit({ actor: who.actor, address: who.address, action: `component.${action}`, target: `${component}@${request.host}`, details: { commandId: command.id } }, db);
  return command;
}
