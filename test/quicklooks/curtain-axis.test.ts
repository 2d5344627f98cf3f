// The curtain's vertical axis: values increase upwards whatever order the instrument stores them in, length
// axes are drawn to scale with round ticks (km once they reach kilometres), other axes as one band per value.
import { describe, expect, it } from 'vitest';
import { layoutCurtainAxis } from '../../lib/quicklooks/curtain-axis';

const count = (rows: Int32Array, predicate: (row: number) => boolean) => Array.from(rows).filter(predicate).length;

describe('layoutCurtainAxis', () => {
  it('turns a scan stored from the zenith down the right way up, one labelled band per angle', () => {
    const elevations = [90, 30, 19.2, 14.4, 11.4, 8.4, 6.6, 5.4, 4.8, 4.2];
    const layout = layoutCurtainAxis({ name: 'elevation_angle', unit: 'deg', values: elevations }, 10, 200);
    expect(layout.rowAt[199]).toBe(9); // 4.2 deg at the bottom
    expect(layout.rowAt[0]).toBe(0); // the zenith at the top
    expect(count(layout.rowAt, (r) => r === 4)).toBe(20);
    expect(layout.ticks.map((t) => t.label)).toEqual(['4.2', '4.8', '5.4', '6.6', '8.4', '11.4', '14.4', '19.2', '30', '90']);
    expect(layout.ticks[0]!.y).toBeCloseTo(190, 6);
    expect(layout.title).toBe('elevation_angle (deg)');
  });

  it('draws range gates of different spacing to scale (a radar whose chirps change resolution)', () => {
    // Five fine gates over the first 50 m, then three coarse ones up to 400 m.
    const gates = [0, 10, 20, 30, 40, 100, 200, 300];
    const layout = layoutCurtainAxis({ name: 'range', unit: 'm', values: gates }, gates.length, 400);
    // One pixel per metre: the fine gates take the bottom 100 px (up to the first coarse gate), not 5/8 of it.
    expect(count(layout.rowAt, (r) => r <= 4)).toBe(100);
    expect(layout.rowAt[399 - 35]).toBe(3);
    expect(layout.rowAt[0]).toBe(7);
    expect(layout.ticks.map((t) => [t.label, t.y])).toEqual([['0', 400], ['100', 300], ['200', 200], ['300', 100], ['400', 0]]);
    expect(layout.title).toBe('range (m)');
  });

  it('labels a ceilometer range in round kilometres', () => {
    const gates = Array.from({ length: 3276 }, (_, i) => i * 4.8);
    const layout = layoutCurtainAxis({ name: 'range', unit: 'm', values: gates }, gates.length, 210);
    expect(layout.title).toBe('range (km)');
    expect(layout.ticks.map((t) => t.label)).toEqual(['0', '5', '10', '15']);
    // 75 m a pixel row: the bottom one shows the gate at its middle (37 m: gate 7), the top one the last gates.
    expect(layout.rowAt[209]).toBe(7);
    expect(layout.rowAt[0]).toBeGreaterThan(3260);
  });

  it('falls back to index bands without axis values, or with values that are not monotonic', () => {
    const plain = layoutCurtainAxis({ name: 'index', unit: null, values: [] }, 4, 40);
    expect([plain.rowAt[39], plain.rowAt[0], plain.title]).toEqual([0, 3, 'index']);
    const odd = layoutCurtainAxis({ name: 'height', unit: 'm', values: [0, 50, 20, 80] }, 4, 40);
    expect(Array.from(odd.rowAt.filter((_, i) => i % 10 === 0))).toEqual([3, 2, 1, 0]);
  });
});
