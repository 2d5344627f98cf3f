// Mirror audit retention on a real database: 500 days of audits, four a day, for hops with different
// histories; exactly the audits the policy keeps survive with their detail rows, and the pages read the same.
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getAuditCoverage,
  listMirrorAuditHistory,
  listMirrorAuditItems,
  listMirrorOverviews,
} from '../../db/queries/mirror-status';
import { mirrorAuditDays, mirrorAuditItems, mirrorAudits, type MirrorAuditOutcome } from '../../db/schema';
import { pruneMirrorAudits, retentionCutoffs } from '../../lib/mirrors/audit-retention';
import { seedAudits, seedMirrors, type SeedAudit } from '../helpers/mirror-audit-seed';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

const NOW = new Date(Date.UTC(2026, 5, 15, 12));
const POLICY = { keepAllDays: 30, keepDailyDays: 400 };
const HOURS = [1, 7, 13, 19];

/** `mirror/k/hour`: an audit started at hour (UTC) of the day k days before NOW's day. */
type Key = `${string}/${number}/${number}`;
const startOf = (k: number, hour: number) => new Date(Date.UTC(2026, 5, 15 - k, hour));

// Outcomes that differ from `ok`; null is an audit whose worker died before it finished.
const SPECIAL: Record<Key, MirrorAuditOutcome | null> = {
  // gws: verified all along. A failed audit this week, older failures and findings long ago, one abandoned.
  'gws/5/7': 'failed', 'gws/200/1': 'failed', 'gws/480/19': 'failed',
  'gws/420/7': 'missing', 'gws/450/13': 'missing',
  'gws/100/19': null,
  // tape: last verified 460 days ago (a tape drive retired), with failures and findings before that.
  'tape/480/1': 'failed', 'tape/490/7': 'failed', 'tape/485/13': 'missing', 'tape/495/19': 'missing',
  // usb: new, ten days of audits, one running right now.
  'usb/3/7': 'missing', 'usb/0/7': null,
};
const DAYS: Record<string, [number, number]> = { gws: [0, 499], tape: [460, 499], usb: [0, 9] };

function seedPlan(): { key: Key; audit: SeedAudit }[] {
  const plan: { key: Key; audit: SeedAudit }[] = [];
  // Oldest first, hops interleaved, as verifies would have written them.
  for (let k = 499; k >= 0; k -= 1) {
    for (const hour of HOURS) {
      if (startOf(k, hour) >= NOW) continue;
      for (const [mirrorId, [newest, oldest]] of Object.entries(DAYS)) {
        if (k < newest || k > oldest) continue;
        const key: Key = `${mirrorId}/${k}/${hour}`;
        plan.push({ key, audit: { mirrorId, startedAt: startOf(k, hour), outcome: key in SPECIAL ? SPECIAL[key]! : 'ok' } });
      }
    }
  }
  return plan;
}

/** What the policy keeps, spelled out per hop. */
function expectedSurvivors(plan: { key: Key }[]): Set<Key> {
  const keep = new Set<Key>();
  for (const { key } of plan) {
    const [mirrorId, k, hour] = key.split('/') as [string, string, string];
    const day = Number(k);
    if (mirrorId === 'usb') keep.add(key); // everything is recent
    if (mirrorId === 'gws') {
      if (day <= 29 || (day === 30 && Number(hour) > 12)) keep.add(key); // the last 30 days, to the hour
      // One a day back to the day 400 days ago: the newest finished one (day 100's last audit never finished).
      if (day >= 31 && day <= 400 && Number(hour) === (day === 100 ? 13 : 19)) keep.add(key);
    }
  }
  keep.add('gws/420/7'); // gws's newest findings, older than every window (its newest failure is recent)
  // tape's newest 60 audits (days 460 to 474, what the history chart draws), its newest failure and findings.
  for (let k = 460; k <= 474; k += 1) for (const hour of HOURS) keep.add(`tape/${k}/${hour}`);
  keep.add('tape/480/1');
  keep.add('tape/485/13');
  return keep;
}

let t: TestDatabase;
const plan = seedPlan();
const keyOf = new Map<number, Key>();
const outcomeOf = new Map<Key, MirrorAuditOutcome | null>(plan.map((p) => [p.key, p.audit.outcome]));

async function pageReads() {
  const overviews = await listMirrorOverviews(t.db);
  return Promise.all(overviews.map(async (o) => ({
    mirror: o.mirror.id,
    latest: o.latestAudit?.id,
    coverage: o.latestAudit ? await getAuditCoverage(t.db, o.latestAudit.id) : null,
    items: o.latestAudit ? await listMirrorAuditItems(t.db, o.latestAudit.id, { limit: 20 }) : null,
    history: await listMirrorAuditHistory(t.db, o.mirror.id),
  })));
}

async function remaining() {
  const audits = await t.db.select({ id: mirrorAudits.id }).from(mirrorAudits).orderBy(asc(mirrorAudits.id));
  const days = await t.db.select({ auditId: mirrorAuditDays.auditId }).from(mirrorAuditDays);
  const items = await t.db.select({ auditId: mirrorAuditItems.auditId }).from(mirrorAuditItems);
  const perAudit = (rows: { auditId: number }[]) => {
    const counts = new Map<Key, number>();
    for (const r of rows) counts.set(keyOf.get(r.auditId)!, (counts.get(keyOf.get(r.auditId)!) ?? 0) + 1);
    return counts;
  };
  return { audits: new Set(audits.map((a) => keyOf.get(a.id)!)), days: perAudit(days), items: perAudit(items) };
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedMirrors(t.db, Object.keys(DAYS));
  const ids = await seedAudits(t.db, plan.map((p) => p.audit));
  ids.forEach((id, i) => keyOf.set(id, plan[i]!.key));
});
afterAll(async () => {
  await t?.drop();
});

describe('mirror audit retention', () => {
  it('cuts the windows at NOW: 30 days to the hour, daily audits from the midnight 400 days back', () => {
    expect(retentionCutoffs(POLICY, NOW)).toEqual({ keepAllFrom: new Date('2026-05-16T12:00:00Z'), dailyFrom: new Date('2025-05-11T00:00:00Z') });
    expect(startOf(400, 19).toISOString()).toBe('2025-05-11T19:00:00.000Z');
  });

  it('keeps exactly the recent window, one finished audit a day, and each hop\'s newest 60, newest failed and newest findings', async () => {
    const before = await pageReads();
    const expected = expectedSurvivors(plan);
    const result = await pruneMirrorAudits({ db: t.db, policy: POLICY, now: NOW, batchSize: 100 });
    const deleted = plan.length - expected.size;
    expect(plan.length).toBe(2000 - 2 + 160 + 40 - 2); // today's 13:00 and 19:00 are still to come
    expect(result).toEqual({
      audits: deleted, days: 2 * deleted, items: 3 * (plan.filter((p) => p.audit.outcome === 'missing' && !expected.has(p.key)).length),
      keptOld: 370 + 1 + 62, batches: Math.ceil(deleted / 100), stopped: false,
    });

    const left = await remaining();
    expect([...left.audits].sort()).toEqual([...expected].sort());
    // Every survivor keeps its coverage days and its items; nothing of a deleted audit is left.
    expect([...left.days.keys()].sort()).toEqual([...expected].sort());
    expect([...left.days.values()].every((n) => n === 2)).toBe(true);
    const expectedItems = [...expected].filter((k) => outcomeOf.get(k) === 'missing').sort();
    expect([...left.items.keys()].sort()).toEqual(expectedItems);
    expect(expectedItems).toEqual(['gws/420/7', 'tape/485/13', 'usb/3/7']);
    expect([...left.items.values()]).toEqual([3, 3, 3]);

    // usb (all recent) is untouched, the running audit too; gws keeps one a day, tape what the pages show.
    expect([...left.audits].filter((k) => k.startsWith('usb/')).length).toBe(plan.filter((p) => p.key.startsWith('usb/')).length);
    expect([...left.audits].filter((k) => k.startsWith('tape/') && Number(k.split('/')[1]) > 474).sort()).toEqual(['tape/480/1', 'tape/485/13']);
    expect(left.audits.has('gws/400/19')).toBe(true);
    expect(left.audits.has('gws/401/19')).toBe(false);
    expect(left.audits.has('gws/100/13') && !left.audits.has('gws/100/19')).toBe(true);

    // The pages show the same: newest audits, their coverage grids and files, the history chart.
    expect(await pageReads()).toEqual(before);
    expect(before.map((b) => [b.mirror, keyOf.get(b.latest!)])).toEqual([['gws', 'gws/0/7'], ['tape', 'tape/460/19'], ['usb', 'usb/0/1']]);
  });

  it('deletes nothing more when run again', async () => {
    const before = await remaining();
    const again = await pruneMirrorAudits({ db: t.db, policy: POLICY, now: NOW });
    expect(again).toEqual({ audits: 0, items: 0, days: 0, keptOld: 433, batches: 0, stopped: false });
    expect(await remaining()).toEqual(before);
  });

  it('refuses a batch size that is not a positive integer', async () => {
    await expect(pruneMirrorAudits({ db: t.db, policy: POLICY, now: NOW, batchSize: 0 })).rejects.toThrow('batchSize must be a positive integer, got 0');
  });
});
