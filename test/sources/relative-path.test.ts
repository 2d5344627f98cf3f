import { describe, expect, it } from 'vitest';
import { checkRelativePath, childPath } from '../../lib/sources/relative-path';

describe('checkRelativePath', () => {
  it.each([
    ['../escape.dat'],
    ['Y2026/../../escape.dat'],
    ['a/./b.dat'],
    ['..'],
    ['/etc/passwd'],
    ['C:/Windows/x.dat'],
    ['..\\..\\escape.dat'],
    ['nul\u0000byte.dat'],
    ['new\nline.dat'],
    ['a//b.dat'],
    ['trailing/'],
    [''],
  ])('refuses %j', (p) => {
    expect(checkRelativePath(p)).not.toBeNull();
  });

  it.each([['Y2026/M11/D21/cl61_20261121_0000.nc'], ['flat.dat'], ['..hidden-looking.dat'], ['a b/ü ñ (1).dat'], ['x..y/z...dat']])(
    'accepts %j',
    (p) => {
      expect(checkRelativePath(p)).toBeNull();
    },
  );

  it('refuses a listed name that is more than one path segment', () => {
    expect(childPath('Y2026', '../../escape.dat').problem).toMatch(/'\/' inside a listed name/);
    expect(childPath('', 'ok.dat')).toEqual({ path: 'ok.dat', problem: null });
  });
});
