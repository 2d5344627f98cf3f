import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoConfig } from '../../lib/config/demo';
import { ConfigError, loadConfig, parseConfig } from '../../lib/config/load';
import { MET_TABLE } from '../../lib/simulators/files/instruments/met-tower';

const base = `campaign: { name: Summit 2026 }
sites:
  - { id: summit, name: Summit Station, lat: 72.58, lon: -38.46 }
`;

function errorOf(text: string): string {
  try {
    parseConfig(text, '/etc/fieldops.config.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the config to be rejected');
}

describe('config validation', () => {
  it('accepts the shape in DESIGN.md and fills defaults', () => {
    const config = parseConfig(`${base}instruments:
  - id: cl61
    site: summit
    kind: vaisala-cl61
    expectedInterval: 60s
    source: { path: /data/raw/cl61, pattern: "**/*.nc", lookbackDays: 3 }
    schedule: { sync: "*/10 * * * *", quicklooks: "15 * * * *" }
  - id: van1
    site: summit
    kind: campbell-dataquery
    expectedInterval: 1s
    logger: { url: "http://192.168.4.6", table: Public, pollSeconds: 1, retryMax: 100, retryDelay: 5s }
mirrors:
  - { id: gws, target: { path: /mnt/gws/campaign }, include: [raw, products], lookbackDays: 30, compareBy: basename, schedule: "0 2 * * *" }
  - { id: tape, source: gws, target: { path: sftp://archive@tape.example.org/campaign }, include: [raw] }
alerts:
  email: { from: fieldops@example.org, to: [ops@example.org] }
  rules:
    - { name: feed-stale, metric: feed_age_seconds, match: { instrument: van1 }, above: 30, for: 30s, severity: critical }
reports:
  mirrorVerify: { at: "09:00", to: [ops@example.org] }
`, 'x.yaml');
    expect(config.campaign.timezone).toBe('UTC');
    expect(config.instruments[0]).toMatchObject({ expectedInterval: 60, timezone: 'UTC', enabled: true });
    expect(config.instruments[1]!.logger).toMatchObject({ retryDelay: 5, pollSeconds: 1 });
    expect(config.mirrors[1]).toMatchObject({ lookbackDays: 30, compareBy: 'basename' });
    expect(config.alerts.rules[0]!.for).toBe(30);
  });

  it('names the file, the key and what is wrong', () => {
    const message = errorOf(`${base}instruments:\n  - { id: a, site: summit, kind: campbell-toa5, source: { path: /x, lookbackDays: three } }\n`);
    expect(message).toContain('/etc/fieldops.config.yaml');
    expect(message).toContain('instruments[0].source.lookbackDays');
    expect(message).toMatch(/expected number/);
  });

  it('rejects unknown keys by name (a typo must not be silently ignored)', () => {
    expect(errorOf(`${base}instruments:\n  - { id: a, site: summit, kind: campbell-toa5, sorce: { path: /x } }\n`)).toContain("unknown key 'sorce'");
  });

  it('rejects unknown kinds, bad durations, bad cron and bad time zones', () => {
    expect(errorOf(`${base}instruments:\n  - { id: a, site: summit, kind: toaster, source: { path: /x } }\n`)).toContain('instruments[0].kind');
    expect(errorOf(`${base}instruments:\n  - { id: a, site: summit, kind: vaisala-cl61, expectedInterval: 5 minutes, source: { path: /x } }\n`))
      .toContain('instruments[0].expectedInterval: expected a duration');
    expect(errorOf(`${base}instruments:\n  - { id: a, site: summit, kind: vaisala-cl61, expectedInterval: 0s, source: { path: /x } }\n`))
      .toContain('instruments[0].expectedInterval: expected a cadence longer than 0 s');
    expect(errorOf(`${base}instruments:\n  - { id: a, site: summit, kind: vaisala-cl61, source: { path: /x }, schedule: { sync: "* * *" } }\n`))
      .toContain('instruments[0].schedule.sync');
    expect(errorOf(`${base}instruments:\n  - { id: a, site: summit, kind: vaisala-cl61, timezone: Mars/Olympus, source: { path: /x } }\n`))
      .toContain('instruments[0].timezone');
  });

  it('checks references between sections', () => {
    expect(errorOf(`${base}instruments:\n  - { id: a, site: nowhere, kind: vaisala-cl61, source: { path: /x } }\n`)).toContain("instruments[0].site: no site with id 'nowhere'");
    expect(errorOf(`${base}instruments:\n  - { id: a, site: summit, kind: campbell-dataquery }\n`)).toContain('instruments[0].logger');
    expect(errorOf(`${base}mirrors:\n  - { id: m, source: ghost, target: { path: /x } }\n`)).toContain("mirrors[0].source: no mirror with id 'ghost'");
    expect(errorOf(`${base}instruments:\n  - { id: a, site: summit, kind: vaisala-cl61, source: { path: /x } }\n  - { id: a, site: summit, kind: vaisala-cl61, source: { path: /y } }\n`))
      .toContain("instruments[1].id: duplicate id 'a'");
  });

  it('keeps mirror audits by a retention with defaults, and names a bad retention key', () => {
    expect(parseConfig(base, 'x.yaml').retention).toEqual({ mirrorAudits: { keepAllDays: 30, keepDailyDays: 400, schedule: '40 3 * * *' } });
    expect(parseConfig(`${base}retention:\n  mirrorAudits: { keepAllDays: 7 }\n`, 'x.yaml').retention.mirrorAudits)
      .toEqual({ keepAllDays: 7, keepDailyDays: 400, schedule: '40 3 * * *' });
    expect(errorOf(`${base}retention:\n  mirrorAudits: { keepAllDays: 60, keepDailyDays: 30 }\n`))
      .toContain('retention.mirrorAudits.keepDailyDays: keepDailyDays must be at least keepAllDays');
    expect(errorOf(`${base}retention:\n  mirrorAudits: { keepAllDays: 0 }\n`)).toContain('retention.mirrorAudits.keepAllDays');
    expect(errorOf(`${base}retention:\n  mirrorAudits: { keepAllDays: 1.5 }\n`)).toContain('retention.mirrorAudits.keepAllDays');
    expect(errorOf(`${base}retention:\n  mirrorAudits: { schedule: daily }\n`)).toContain('retention.mirrorAudits.schedule: expected a 5-field cron');
    expect(errorOf(`${base}retention:\n  mirrorAudit: { keepAllDays: 7 }\n`)).toContain("unknown key 'mirrorAudit'");
  });

  it("takes an instrument's keyVariables: 1 to 8 unique, non-empty names, in the order given", () => {
    const config = parseConfig(`${base}instruments:\n  - { id: a, site: summit, kind: campbell-toa5, source: { path: /x }, keyVariables: [RH, AirTC_Avg, "CO2 (umol/mol)"] }\n`, 'x.yaml');
    expect(config.instruments[0]!.keyVariables).toEqual(['RH', 'AirTC_Avg', 'CO2 (umol/mol)']);
    expect(parseConfig(`${base}instruments:\n  - { id: a, site: summit, kind: campbell-toa5, source: { path: /x } }\n`, 'x.yaml').instruments[0]!.keyVariables)
      .toBeUndefined();
    const withKeys = (list: string) => errorOf(`${base}instruments:\n  - { id: a, site: summit, kind: campbell-toa5, source: { path: /x }, keyVariables: ${list} }\n`);
    expect(withKeys('[]')).toContain('instruments[0].keyVariables: expected at least one variable name');
    expect(withKeys(`[${Array.from({ length: 9 }, (_, i) => `v${i}`).join(', ')}]`)).toContain('instruments[0].keyVariables: expected at most 8 variable names');
    expect(withKeys('[RH, AirTC, RH]')).toContain("instruments[0].keyVariables[2]: duplicate variable name 'RH'");
    expect(withKeys('[RH, ""]')).toContain('instruments[0].keyVariables[1]: expected a variable name, got an empty one');
    expect(withKeys('[RH, "   "]')).toContain('instruments[0].keyVariables[1]: expected a variable name, got an empty one');
    expect(withKeys('[RH, 42]')).toContain('instruments[0].keyVariables[1]: expected a variable name as text');
    expect(withKeys('AirTC_Avg')).toContain('instruments[0].keyVariables: expected a list of variable names');
  });

  it('reports YAML syntax errors with a line number', () => {
    expect(errorOf('campaign: { name: X\nsites: [\n')).toMatch(/line \d+, column \d+/);
  });

  it('rejects an empty or non-mapping document clearly', () => {
    expect(errorOf('')).toContain('campaign');
    expect(errorOf('- just\n- a list\n')).toContain('invalid config');
  });
});

describe('loading', () => {
  it('falls back to the demo campaign when there is no config file', () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-cfg-'));
    const loaded = loadConfig({ dataDir: '/tmp/data', cwd });
    expect(loaded.file).toBeNull();
    expect(loaded.config.instruments.map((i) => i.kind)).toEqual(
      expect.arrayContaining(['campbell-toa5', 'vaisala-cl61', 'rpg-hatpro', 'webcam', 'campbell-dataquery']));
    fs.rmSync(cwd, { recursive: true });
  });

  it('fails clearly when FIELDOPS_CONFIG names a missing file', () => {
    expect(() => loadConfig({ configPath: '/nonexistent/fieldops.config.yaml', dataDir: '/tmp' })).toThrow(/\/nonexistent\/fieldops.config.yaml: cannot read/);
  });

  it('builds a valid demo config under the data folder', () => {
    const config = demoConfig('/srv/fieldops');
    expect(config.instruments.find((i) => i.id === 'asfs')!.source!.path).toBe('/srv/fieldops/demo/sources/asfs');
  });

  it("names key variables for the demo's TOA5 logger that its simulated program writes", () => {
    const asfs = demoConfig('/srv/fieldops').instruments.find((i) => i.id === 'asfs')!;
    const written = MET_TABLE.fields.map((f) => f.name);
    expect(asfs.keyVariables!.length).toBeGreaterThan(0);
    for (const name of asfs.keyVariables!) expect(written).toContain(name);
  });
});
