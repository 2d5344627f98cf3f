// Label matching, mute reasons (silence, maintenance, paused instrument, site outage) and the mail text.
import { describe, expect, it } from 'vitest';
import { labelsMatch, seriesKey } from '../../lib/alerts/matchers';
import { noticeDedupeKey, renderAlertMail, type AlertNotice } from '../../lib/alerts/messages';
import { muteReason, type MuteContext } from '../../lib/alerts/mute';

const now = new Date('2026-03-01T12:00:00Z');
const empty = (): MuteContext => ({ silences: [], maintenance: [], inactiveInstruments: new Set(), outages: new Map() });

describe('matchers', () => {
  it('match every key exactly, with * as a wildcard, and key series independently of label order', () => {
    expect(labelsMatch({}, { a: '1' })).toBe(true);
    expect(labelsMatch({ instrument: 'van1' }, { instrument: 'van1', site: 's' })).toBe(true);
    expect(labelsMatch({ instrument: 'van1' }, { site: 's' })).toBe(false);
    expect(labelsMatch({ instrument: 'cl*' }, { instrument: 'cl61' })).toBe(true);
    expect(labelsMatch({ instrument: 'cl*' }, { instrument: 'xcl61' })).toBe(false);
    expect(labelsMatch({ path: '/data/(x)' }, { path: '/data/(x)' })).toBe(true);
    expect(seriesKey({ site: 's', instrument: 'i' })).toBe(seriesKey({ instrument: 'i', site: 's' }));
  });
});

describe('muteReason', () => {
  it('reports a silence with who and why, only inside its window', () => {
    const ctx = empty();
    ctx.silences.push({ id: 3, matcher: { instrument: 'van1' }, startsAt: new Date('2026-03-01T11:00:00Z'), endsAt: new Date('2026-03-01T13:00:00Z'),
      createdBy: 'ana@example.org', reason: 'vehicle in the garage' });
    expect(muteReason({ instrument: 'van1' }, now, ctx)?.text).toBe('silenced by ana@example.org until 2026-03-01T13:00:00.000Z: vehicle in the garage');
    expect(muteReason({ instrument: 'van1' }, new Date('2026-03-01T13:00:00Z'), ctx)).toBeNull();
    expect(muteReason({ instrument: 'cl61' }, now, ctx)).toBeNull();
  });

  it('applies maintenance windows, paused instruments and site outages, but never mutes the outage alert itself', () => {
    const ctx = empty();
    ctx.maintenance.push({ name: 'mast', match: { site: 'summit', instrument: 'asfs' }, start: new Date('2026-03-01T10:00:00Z'), end: new Date('2026-03-01T14:00:00Z') });
    ctx.inactiveInstruments.add('cam1');
    ctx.outages.set('summit', { site: 'summit', dependency: 'link', rule: 'summit-link', since: now });
    expect(muteReason({ site: 'summit', instrument: 'asfs' }, now, ctx)?.kind).toBe('maintenance');
    expect(muteReason({ site: 'summit', instrument: 'cam1' }, now, ctx)?.kind).toBe('inactive');
    expect(muteReason({ site: 'summit', instrument: 'cl61' }, now, ctx)?.text).toBe("site summit's link is down (summit-link)");
    expect(muteReason({ site: 'summit', instrument: 'router' }, now, ctx, true)).toBeNull();
    expect(muteReason({ site: 'valley', instrument: 'x' }, now, ctx)).toBeNull();
  });
});

describe('alert mail', () => {
  const notice = (over: Partial<AlertNotice>): AlertNotice => ({
    kind: 'firing', alertId: 1, labels: { component: 'feed:van1', instrument: 'van1', site: 'mobile' }, value: 45, firingSince: now, lastSampleAt: now,
    rule: { name: 'feed-stale', metric: 'feed_age_seconds', severity: 'critical', above: 30, forSeconds: 30 }, dedupeKey: 'k1', ...over,
  });

  it('names the rule, series, value and threshold in the subject', () => {
    const mail = renderAlertMail([notice({})], { campaign: 'Summit 2026', now });
    expect(mail.subject).toBe('[fieldops Summit 2026] FIRING critical feed-stale: van1 feed_age_seconds = 45 (above 30 for 30 s)');
    expect(mail.text).toContain('series:    component=feed:van1,instrument=van1,site=mobile');
  });

  it('puts several notices in one mail with a summary subject, and lists what a site outage mutes', () => {
    const mail = renderAlertMail([
      notice({ kind: 'resolved', value: 3 }),
      notice({ alertId: 2, labels: { instrument: 'router', site: 'summit' }, rule: { name: 'summit-link', metric: 'feed_age_seconds', severity: 'critical', above: 300, forSeconds: 0, siteDependency: 'link' },
        mutedBehind: ['feed-stale cl61 (firing)', 'feed-stale asfs (pending)'] }),
    ], { campaign: 'S', now });
    expect(mail.subject).toBe('[fieldops S] 1 firing, 1 resolved: summit-link router, feed-stale van1');
    expect(mail.text).toMatch(/FIRING critical summit-link: site summit link down; 2 alert\(s\) muted/);
    expect(mail.text).toContain('    - feed-stale cl61 (firing)');
  });

  it('gives each reminder period its own dedupe key and every other notice one per episode', () => {
    const since = new Date('2026-03-01T00:00:00Z');
    expect(noticeDedupeKey('firing', 7, since, now)).toBe(`alert:7:${since.getTime()}:firing`);
    expect(noticeDedupeKey('reminder', 7, since, now, 3600)).toBe(`alert:7:${since.getTime()}:reminder:12`);
  });
});
