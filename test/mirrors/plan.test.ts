// The pure parts of mirroring: which files a group selects, how two listings are compared in each mode, and
// what a sync would copy.
import { describe, expect, it } from 'vitest';
import { instrumentOf, scopeEnd, selectGroups } from '../../lib/mirrors/groups';
import { compareTrees, mtimeWindow, planCopies } from '../../lib/mirrors/plan';
import { defaultVerifyWindow, verifyWindow, windowBounds } from '../../lib/mirrors/window';
import type { SourceEntry } from '../../lib/sources/types';

const T = Date.parse('2026-11-21T10:00:00Z');
const f = (relativePath: string, size = 10, mtimeMs = T): SourceEntry => ({ relativePath, size, mtimeMs });
const always = () => true;
const statuses = (c: ReturnType<typeof compareTrees>) => c.findings.map((x) => `${x.status} ${x.entry.relativePath}`).sort();

describe('groups', () => {
  const context = { mediaInstruments: ['cam1'] };

  it('maps groups to folders, lists no folder twice, and leaves out !groups', () => {
    const all = selectGroups(['raw', 'products', 'quicklooks', 'media', 'ops'], context);
    expect(all.folders).toEqual(['products', 'raw']);
    const noMedia = selectGroups(['raw', 'products', '!media'], context);
    expect(noMedia.includes('raw/cl61/Y2026/a.nc')).toBe(true);
    expect(noMedia.includes('raw/cam1/2026/img.jpg')).toBe(false);
    expect(noMedia.includes('products/media/cam1/x.mp4')).toBe(false);
    expect(noMedia.includes('products/quicklooks/cl61/x.png')).toBe(true);
    const media = selectGroups(['media'], context);
    expect(media.folders).toEqual(['products/media', 'raw/cam1']);
    expect(media.includes('raw/cam10/x.jpg')).toBe(false);
    expect(selectGroups(['raw:cl61', 'ops'], context).folders).toEqual(['raw/cl61', 'raw/ops_monitor']);
  });

  it('narrows to one instrument for --instrument', () => {
    const one = selectGroups(['raw', 'products'], context, 'cl61');
    expect(one.folders).toEqual(['products', 'raw/cl61']);
    expect(one.includes('raw/cl61/a.nc')).toBe(true);
    expect(one.includes('products/quicklooks/cl61/2026-11-21.png')).toBe(true);
    expect(one.includes('products/quicklooks/asfs/2026-11-21.png')).toBe(false);
  });

  it('scopes basenames by instrument folder and finds the instrument of a path', () => {
    const scope = (p: string) => p.slice(0, scopeEnd(p));
    expect(scope('raw/cl61/Y2026/M11/D21/a.nc')).toBe('raw/cl61');
    expect(scope('raw/cl61/a.nc')).toBe('raw/cl61');
    expect(scope('products/quicklooks/cl61/2026/a.png')).toBe('products/quicklooks/cl61');
    expect(scope('products/summary/a.csv')).toBe('products/summary');
    expect(scope('raw/loose.txt')).toBe('raw');
    expect(instrumentOf('raw/cl61/Y2026/a.nc')).toBe('cl61');
    expect(instrumentOf('products/media/cam1/x.mp4')).toBe('cam1');
    expect(instrumentOf('products/summary/a.csv')).toBeNull();
  });
});

describe('compareTrees', () => {
  it('by basename, matches a dated layout against a flat legacy one and reports both directions', () => {
    const source = [f('raw/cl61/Y2026/M11/D21/a.nc'), f('raw/cl61/Y2026/M11/D21/b.nc'), f('raw/asfs/2026/a.nc')];
    const target = [f('raw/cl61/a.nc'), f('raw/cl61/extra.nc'), f('raw/asfs/b.nc')];
    const c = compareTrees(source, target, 'basename', always);
    expect(statuses(c)).toEqual([
      'missing_on_source raw/asfs/b.nc', 'missing_on_source raw/cl61/extra.nc',
      'missing_on_target raw/asfs/2026/a.nc', 'missing_on_target raw/cl61/Y2026/M11/D21/b.nc',
    ]);
    expect([c.sourceCount, c.targetCount]).toEqual([3, 3]);
  });

  it('matches a basename the source holds twice in one scope by path, so a namesake cannot hide a missing file', () => {
    const source = [f('raw/met/D21/data.csv'), f('raw/met/D22/data.csv')];
    expect(statuses(compareTrees(source, [f('raw/met/D21/data.csv')], 'basename', always))).toEqual(['missing_on_target raw/met/D22/data.csv']);
  });

  it('by path, a moved file is missing on one side and extra on the other; size and sha256 report differing sizes', () => {
    const source = [f('raw/x/a.nc', 10), f('raw/x/b.nc', 10)];
    const target = [f('raw/x/old/a.nc', 10), f('raw/x/b.nc', 11)];
    expect(statuses(compareTrees(source, target, 'path', always))).toEqual(['missing_on_source raw/x/old/a.nc', 'missing_on_target raw/x/a.nc']);
    expect(statuses(compareTrees(source, target, 'size', always))).toContain('differs raw/x/b.nc');
    const sha = compareTrees([f('raw/x/c.nc', 5)], [f('raw/x/c.nc', 5)], 'sha256', always);
    expect(sha.findings).toEqual([]);
    expect(sha.toHash).toHaveLength(1);
  });

  it('reports only inside the window, but matches across everything', () => {
    const old = Date.parse('2026-08-01T00:00:00Z');
    // The target copy was made later without keeping the mtime: still the same file, not missing anywhere.
    const source = [f('raw/x/a.nc', 10, old), f('raw/x/new.nc', 10, T), f('raw/x/ancient.nc', 10, old)];
    const target = [f('raw/x/a.nc', 10, T)];
    const { fromMs, toMs } = windowBounds({ start: '2026-10-01', end: '2026-11-21' });
    expect(statuses(compareTrees(source, target, 'basename', mtimeWindow(fromMs, toMs)))).toEqual(['missing_on_target raw/x/new.nc']);
  });
});

describe('planCopies', () => {
  it('copies new files, files of another size and files newer than their copy; skips equal and newer copies', () => {
    const source = [f('raw/x/new.nc'), f('raw/x/grown.nc', 20), f('raw/x/touched.nc', 10, T + 5000), f('raw/x/same.nc'), f('raw/x/legacy.nc')];
    const target = [f('raw/x/grown.nc', 10), f('raw/x/touched.nc', 10, T), f('raw/x/same.nc', 10, T + 400), f('raw/x/flat/legacy.nc', 10, T + 86_400_000)];
    const plan = planCopies(source, target, 'basename', always);
    expect(plan.copies.map((c) => `${c.reason} ${c.entry.relativePath}`).sort()).toEqual(['changed raw/x/grown.nc', 'changed raw/x/touched.nc', 'new raw/x/new.nc']);
    expect(plan.unchanged).toBe(2);
  });

  it('prefers the copy at the source path when the target holds a basename twice', () => {
    const source = [f('raw/x/D21/a.nc', 20)];
    // An older, different legacy copy elsewhere must not make the up-to-date copy look changed every night.
    const target = [f('raw/x/legacy/a.nc', 99, T + 9e6), f('raw/x/D21/a.nc', 20, T)];
    expect(planCopies(source, target, 'basename', always)).toMatchObject({ copies: [], unchanged: 1 });
  });

  it('takes only the window, and 1e5 files in well under a second', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => f(`raw/x/Y2026/D${i % 30}/file${i}.nc`));
    const started = performance.now();
    const plan = planCopies(many, many.slice(1000), 'basename', (e) => e.relativePath !== 'raw/x/Y2026/D0/file0.nc');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(plan.copies).toHaveLength(999);
  });
});

describe('verify window', () => {
  it('is this month and last month by default, in UTC days', () => {
    expect(defaultVerifyWindow(new Date('2026-01-15T23:00:00Z'))).toEqual({ start: '2025-12-01', end: '2026-01-15' });
    expect(verifyWindow(new Date('2026-11-21T00:00:00Z'), '2026-11-01')).toEqual({ start: '2026-11-01', end: '2026-11-21' });
    expect(() => verifyWindow(new Date(), '21/11/2026')).toThrow('--from must be a date like 2026-11-21');
    expect(() => verifyWindow(new Date(), '2026-11-02', '2026-11-01')).toThrow('is before --from');
  });
});
