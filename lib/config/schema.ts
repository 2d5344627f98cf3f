// The shape of fieldops.config.yaml. Keys users write are the ones in DESIGN.md; everything else defaults.
import { z } from 'zod';
import { isKnownTimeZone } from '../time/zone-clock';
import { INSTRUMENT_KINDS, LIVE_KIND } from './kinds';

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/;
const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };

/** "60s", "10m", "1.5h", "3d" or a number of seconds → seconds. */
export const duration = z.union([z.number().nonnegative(), z.string()]).transform((value, ctx) => {
  if (typeof value === 'number') return value;
  const match = DURATION.exec(value.trim());
  if (!match) {
    ctx.addIssue({ code: 'custom', message: `expected a duration like 30s, 10m, 2h or 3d, got '${value}'` });
    return z.NEVER;
  }
  return Number(match[1]) * UNIT_SECONDS[match[2]!]!;
});

// Five fields, each a number, range, list, step or '*'. pg-boss validates fully when scheduling; this catches
// the common mistakes (six fields, words) at start with the key's name.
const CRON_FIELD = /^(\*|\d+(-\d+)?)(\/\d+)?(,(\*|\d+(-\d+)?)(\/\d+)?)*$/;
export const cron = z.string().refine((v) => {
  const fields = v.trim().split(/\s+/);
  return fields.length === 5 && fields.every((f) => CRON_FIELD.test(f));
}, 'expected a 5-field cron expression like "*/10 * * * *"');

const id = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'expected a lower-case id of letters, digits, - and _');

const timezone = z.string().refine(isKnownTimeZone, 'expected an IANA time zone such as UTC or Europe/Berlin');

const email = z.string().regex(/^[^\s@]+@[^\s@]+$/, 'expected an email address');

const hostKey = z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}=?$/, 'expected a fingerprint like SHA256:<43 base64 characters>');

const source = z
  .strictObject({
    /** A local or mounted folder, or sftp://user@host[:port]/path. */
    path: z.string().min(1),
    pattern: z.string().optional(),
    lookbackDays: z.number().int().min(0).max(3650).default(3),
    /** A file modified more recently than this may still be being written: it waits for the next sync. */
    minAge: duration.default(10),
    /** Private key (OpenSSH or PEM, unencrypted) for an sftp:// path; kept out of the path so logs stay clean. */
    identityFile: z.string().min(1).optional(),
    /** The SFTP server's host key as `ssh-keygen -lf` prints it (SHA256:…). Checked when given. */
    hostKey: hostKey.optional(),
  })
  .superRefine((src, ctx) => checkSource(src, ctx));

function checkSource(src: { path: string; identityFile?: string; hostKey?: string }, ctx: z.RefinementCtx, keyRequired = true): void {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(src.path)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    if (src.identityFile || src.hostKey) ctx.addIssue({ code: 'custom', path: ['identityFile'], message: 'identityFile and hostKey only apply to an sftp:// path' });
    return;
  }
  if (scheme !== 'sftp') {
    ctx.addIssue({ code: 'custom', path: ['path'], message: `expected a folder or sftp://user@host[:port]/path, got a ${scheme}:// URL` });
    return;
  }
  let url: URL | null = null;
  try {
    url = new URL(src.path);
  } catch {
    // reported below
  }
  if (!url || !url.hostname || !url.username || url.password || url.search || url.hash) {
    ctx.addIssue({ code: 'custom', path: ['path'], message: 'expected sftp://user@host[:port]/path (no password or query: the key goes in identityFile)' });
  }
  if (!src.identityFile && keyRequired) ctx.addIssue({ code: 'custom', path: ['identityFile'], message: 'an sftp:// source needs identityFile: /path/to/private/key' });
}

const logger = z.strictObject({
  url: z.string().regex(/^https?:\/\//, 'expected an http:// or https:// URL'),
  table: z.string().min(1),
  pollSeconds: z.number().positive().max(3600).default(1),
  retryMax: z.number().int().min(1).default(100),
  retryDelay: duration.default(5),
  username: z.string().optional(),
  password: z.string().optional(),
});

/** The overview's latest values: the logger program's own names, shown in this order. */
const keyVariables = z
  .array(z.string('expected a variable name as text').refine((name) => name.trim() !== '', 'expected a variable name, got an empty one'),
    'expected a list of variable names, e.g. [AirTC_Avg, RH]')
  .min(1, 'expected at least one variable name (leave keyVariables out for the kind\'s default)')
  .max(8, 'expected at most 8 variable names (the overview has room for a few)')
  .superRefine((names, ctx) => {
    names.forEach((name, i) => {
      if (names.indexOf(name) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `duplicate variable name '${name}'` });
    });
  });

const instrument = z.strictObject({
  id,
  site: id,
  kind: z.enum(INSTRUMENT_KINDS),
  name: z.string().optional(),
  enabled: z.boolean().default(true),
  timezone: timezone.default('UTC'),
  // Completeness and gaps are measured against it: a zero cadence would expect infinitely many records.
  expectedInterval: duration.refine((s) => s > 0, 'expected a cadence longer than 0 s').optional(),
  source: source.optional(),
  schedule: z.strictObject({ sync: cron.optional(), quicklooks: cron.optional(), timelapse: cron.optional() }).default({}),
  logger: logger.optional(),
  keyVariables: keyVariables.optional(),
});

// A mirror target is a folder or sftp://user@host[:port]/path. identityFile is optional there: without it the
// worker user's own ~/.ssh key is used, as `ssh` would (lib/mirrors/hops.ts).
const mirrorTarget = z
  .strictObject({
    path: z.string().min(1),
    identityFile: z.string().min(1).optional(),
    hostKey: hostKey.optional(),
  })
  .superRefine((target, ctx) => checkSource(target, ctx, false));

// The product groups of lib/mirrors/groups.ts; `!group` leaves one out (e.g. webcam media on its own schedule).
const mirrorGroup = z.string().regex(/^!?(raw(:[a-z0-9][a-z0-9_-]{0,62})?|products|quicklooks|media|ops)$/,
  'expected raw, raw:<instrument>, products, quicklooks, media or ops (or !group to leave one out)');

const mirror = z.strictObject({
  id,
  source: id.optional(),
  target: mirrorTarget,
  include: z.array(mirrorGroup).min(1).default(['raw', 'products']),
  lookbackDays: z.number().int().min(0).max(3650).default(30),
  compareBy: z.enum(['basename', 'path', 'size', 'sha256']).default('basename'),
  schedule: cron.optional(),
  /** When to verify the hop on its own (besides the daily report's verification, reports.mirrorVerify). */
  verify: cron.optional(),
});

// How long mirror audits are kept (lib/mirrors/audit-retention.ts). A verify may run for hours and its audit
// is written while it runs: the all-audits window is at least a day so a running audit is never pruned.
const mirrorAuditRetention = z
  .strictObject({
    /** Every audit that started in the last N days. */
    keepAllDays: z.number().int().min(1).max(36_500).default(30),
    /** Beyond that, the newest finished audit of each UTC day, back to the day N days ago. */
    keepDailyDays: z.number().int().min(1).max(36_500).default(400),
    schedule: cron.default('40 3 * * *'),
  })
  .refine((r) => r.keepDailyDays >= r.keepAllDays, {
    message: 'keepDailyDays must be at least keepAllDays (the daily audits are kept beyond the all-audits window)',
    path: ['keepDailyDays'],
  });

const alertRule = z.strictObject({
  name: z.string().min(1),
  metric: z.string().min(1),
  match: z.record(z.string(), z.string()).default({}),
  above: z.number().optional(),
  below: z.number().optional(),
  for: duration.default(0),
  severity: z.enum(['info', 'warning', 'critical']).default('warning'),
  to: z.array(email).optional(),
  reminderEvery: duration.optional(),
  /** How long a series may go without a sample before it is `no data` (which alerts like firing). */
  grace: duration.default(180),
  /** This rule watches a site's link or power: while it fires, the site's other alerts are muted. */
  siteDependency: z.enum(['link', 'power']).optional(),
}).refine((rule) => rule.above !== undefined || rule.below !== undefined, 'a rule needs a threshold: above, below or both');

/** A planned outage: alerts whose labels match are muted (not evaluated differently) between start and end. */
const maintenanceWindow = z
  .strictObject({
    name: z.string().min(1).optional(),
    match: z.record(z.string(), z.string()).default({}),
    start: z.iso.datetime({ offset: true }),
    end: z.iso.datetime({ offset: true }),
    reason: z.string().optional(),
  })
  .refine((w) => Date.parse(w.end) > Date.parse(w.start), { message: 'end must be after start', path: ['end'] });

const configObject = z.strictObject({
    campaign: z.strictObject({ name: z.string().min(1), timezone: timezone.default('UTC') }),
    sites: z
      .array(z.strictObject({ id, name: z.string().min(1), lat: z.number().min(-90).max(90).optional(),
        lon: z.number().min(-180).max(180).optional(), timezone: timezone.optional() }))
      .min(1),
    instruments: z.array(instrument).default([]),
    mirrors: z.array(mirror).default([]),
    alerts: z
      .strictObject({
        email: z.strictObject({ from: email, to: z.array(email).min(1) }).optional(),
        rules: z.array(alertRule).default([]),
        maintenance: z.array(maintenanceWindow).default([]),
      })
      .default({ rules: [], maintenance: [] }),
    reports: z
      .strictObject({ mirrorVerify: z.strictObject({ at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM'), to: z.array(email).min(1) }).optional() })
      .default({}),
    retention: z.strictObject({ mirrorAudits: mirrorAuditRetention.prefault({}) }).prefault({}),
});

export const configSchema = configObject.superRefine(checkReferences);

function checkReferences(config: z.output<typeof configObject>, ctx: z.RefinementCtx): void {
  const unique = (items: { id: string }[], key: string) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [key, i, 'id'], message: `duplicate id '${item.id}'` });
      seen.add(item.id);
    });
  };
  unique(config.sites, 'sites');
  unique(config.instruments, 'instruments');
  unique(config.mirrors, 'mirrors');
  const siteIds = new Set(config.sites.map((s) => s.id));
  config.instruments.forEach((inst, i) => {
    if (!siteIds.has(inst.site)) ctx.addIssue({ code: 'custom', path: ['instruments', i, 'site'], message: `no site with id '${inst.site}'` });
    if (inst.kind === LIVE_KIND && !inst.logger)
      ctx.addIssue({ code: 'custom', path: ['instruments', i, 'logger'], message: 'a campbell-dataquery instrument needs logger: { url, table }' });
    if (inst.kind !== LIVE_KIND && !inst.source)
      ctx.addIssue({ code: 'custom', path: ['instruments', i, 'source'], message: `a ${inst.kind} instrument needs source: { path }` });
  });
  const mirrorIds = new Set(config.mirrors.map((m) => m.id));
  config.mirrors.forEach((m, i) => {
    if (m.source && !mirrorIds.has(m.source)) ctx.addIssue({ code: 'custom', path: ['mirrors', i, 'source'], message: `no mirror with id '${m.source}'` });
    if (m.source === m.id) ctx.addIssue({ code: 'custom', path: ['mirrors', i, 'source'], message: 'a mirror cannot be its own source' });
    else if (inMirrorLoop(config.mirrors, m.id)) ctx.addIssue({ code: 'custom', path: ['mirrors', i, 'source'], message: `mirror '${m.id}' is its own source through a chain of sources` });
  });
}

/** Following `source` from this mirror comes back to it: no hop of the chain would have a real origin. */
function inMirrorLoop(mirrors: { id: string; source?: string }[], start: string): boolean {
  const byId = new Map(mirrors.map((m) => [m.id, m]));
  let at = byId.get(start)?.source;
  for (let steps = 0; at !== undefined && steps <= mirrors.length; steps++) {
    if (at === start) return true;
    at = byId.get(at)?.source;
  }
  return false;
}

export type FieldopsConfig = z.infer<typeof configSchema>;
export type InstrumentConfig = FieldopsConfig['instruments'][number];
export type MirrorConfig = FieldopsConfig['mirrors'][number];
export type SiteConfig = FieldopsConfig['sites'][number];
export type AlertRuleConfig = FieldopsConfig['alerts']['rules'][number];
export type MirrorAuditRetention = FieldopsConfig['retention']['mirrorAudits'];
export type MaintenanceWindowConfig = FieldopsConfig['alerts']['maintenance'][number];
