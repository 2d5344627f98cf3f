// Why an alert's notifications are held back right now, if they are. Muting never changes an alert's state
// (the ops pages still show it firing); it only stops mail. Reasons, in the order they are reported:
// a silence (who and why), a maintenance window from the config, an instrument an operator paused or the
// config disabled, and a site whose link or power is down (one message about the site instead of one per
// instrument behind it).
import { labelsMatch, type Labels } from './matchers';

export interface SilenceWindow {
  id: number;
  matcher: Labels;
  startsAt: Date;
  endsAt: Date;
  createdBy: string;
  reason: string | null;
}

export interface MaintenanceWindow {
  name?: string;
  match: Labels;
  start: Date;
  end: Date;
  reason?: string;
}

/** A site whose link or power rule is alerting, and the alert that says so. */
export interface SiteOutage {
  site: string;
  dependency: 'link' | 'power';
  rule: string;
  since: Date | null;
}

export interface MuteContext {
  silences: SilenceWindow[];
  maintenance: MaintenanceWindow[];
  /** Instruments that are paused, disabled or removed from the config: their silence is expected. */
  inactiveInstruments: Set<string>;
  outages: Map<string, SiteOutage>;
}

export type MuteReason =
  | { kind: 'silence'; text: string; silenceId: number }
  | { kind: 'maintenance'; text: string }
  | { kind: 'inactive'; text: string }
  | { kind: 'dependency'; text: string; site: string };

const within = (now: Date, start: Date, end: Date) => now.getTime() >= start.getTime() && now.getTime() < end.getTime();

/**
 * `labels` are the alert's series labels plus `rule` and `severity`, so a silence can name a rule.
 * `isDependencyRule`: the site's own link/power alert is never muted by the outage it reports.
 */
export function muteReason(labels: Labels, now: Date, ctx: MuteContext, isDependencyRule = false): MuteReason | null {
  for (const s of ctx.silences) {
    if (within(now, s.startsAt, s.endsAt) && labelsMatch(s.matcher, labels)) {
      return { kind: 'silence', silenceId: s.id, text: `silenced by ${s.createdBy} until ${s.endsAt.toISOString()}${s.reason ? `: ${s.reason}` : ''}` };
    }
  }
  for (const w of ctx.maintenance) {
    if (within(now, w.start, w.end) && labelsMatch(w.match, labels)) {
      return { kind: 'maintenance', text: `maintenance${w.name ? ` '${w.name}'` : ''} until ${w.end.toISOString()}${w.reason ? `: ${w.reason}` : ''}` };
    }
  }
  if (labels.instrument && ctx.inactiveInstruments.has(labels.instrument)) {
    return { kind: 'inactive', text: `instrument ${labels.instrument} is paused or disabled` };
  }
  const outage = labels.site ? ctx.outages.get(labels.site) : undefined;
  if (outage && !isDependencyRule) {
    return { kind: 'dependency', site: outage.site, text: `site ${outage.site}'s ${outage.dependency} is down (${outage.rule})` };
  }
  return null;
}

/** Config maintenance windows with their times parsed. */
export function maintenanceWindows(config: { name?: string; match: Labels; start: string; end: string; reason?: string }[]): MaintenanceWindow[] {
  return config.map((w) => ({ name: w.name, match: w.match, start: new Date(w.start), end: new Date(w.end), reason: w.reason }));
}
