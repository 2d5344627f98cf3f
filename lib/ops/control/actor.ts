// Who asked for a control action, for the audit log.
export interface ControlActor {
  actor: string;
  address: string | null;
}

/** A mistake the operator can fix (unknown schedule, already paused): shown on the page, never a 500. */
export class ControlInputError extends Error {}
