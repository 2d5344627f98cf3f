// The alert keys of fieldops.config.yaml: defaults, the site-dependency and maintenance additions, and the
// messages a user gets for a rule without a threshold or a window that ends before it starts.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lib/config/load';

const base = `campaign: { name: T }\nsites: [{ id: summit, name: Summit }]\n`;

describe('alerts config', () => {
  it('fills in defaults and accepts site dependencies and maintenance windows', () => {
    const config = parseConfig(`${base}alerts:
  rules:
    - { name: link, metric: feed_age_seconds, match: { instrument: router }, above: 300, siteDependency: link }
    - { name: disk, metric: disk_used_percent, above: 90, for: 10m, reminderEvery: 4h }
  maintenance:
    - { name: mast, match: { site: summit }, start: "2026-03-01T08:00:00Z", end: "2026-03-01T12:00:00Z", reason: mast work }
`, 'fieldops.config.yaml');
    expect(config.alerts.rules[0]).toMatchObject({ for: 0, grace: 180, severity: 'warning', siteDependency: 'link', match: { instrument: 'router' } });
    expect(config.alerts.rules[1]).toMatchObject({ for: 600, reminderEvery: 14_400 });
    expect(config.alerts.maintenance[0]).toMatchObject({ name: 'mast', reason: 'mast work' });
    expect(parseConfig(base, 'f.yaml').alerts).toEqual({ rules: [], maintenance: [] });
  });

  it('names the rule without a threshold and the window that ends before it starts', () => {
    expect(() => parseConfig(`${base}alerts: { rules: [{ name: x, metric: queue_depth }] }\n`, 'f.yaml')).toThrow(/alerts\.rules\[0\]: a rule needs a threshold/);
    expect(() => parseConfig(`${base}alerts: { maintenance: [{ start: "2026-03-02T00:00:00Z", end: "2026-03-01T00:00:00Z" }] }\n`, 'f.yaml'))
      .toThrow(/alerts\.maintenance\[0\]\.end: end must be after start/);
  });
});
