// The simulator's sense of time. The demo runs on the wall clock; tests use a ManualClock so that a
// two-minute outage is one `advance(120)` instead of two minutes of waiting.

export interface SimClock {
  /** Milliseconds since the Unix epoch, UTC. */
  now(): number;
}

export const systemClock: SimClock = { now: () => Date.now() };

export class ManualClock implements SimClock {
  private ms: number;

  constructor(start: Date | number) {
    this.ms = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.ms;
  }

  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }

  set(to: Date | number): void {
    this.ms = typeof to === 'number' ? to : to.getTime();
  }
}
