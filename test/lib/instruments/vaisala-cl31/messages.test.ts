import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cl31Crc16, vaisalaCl31 } from '../../../../lib/instruments/vaisala-cl31';
import type { ParsedBatch } from '../../../../lib/instruments/types';
import { type FixtureDir, collect, makeFixtureDir, profileRows, scalarSeries } from '../../../helpers/fixtures/hatpro';
import { CL_SUBCLASS_SHAPES, blViewFile, clMessage, ctMessage, guideCrc16 } from '../../../helpers/fixtures/cl31';

const T0 = Date.UTC(2020, 4, 1, 0, 0, 16);
let dir: FixtureDir;
beforeAll(async () => {
  dir = await makeFixtureDir();
});
afterAll(() => dir.cleanup());

async function parse(name: string, text: string | Buffer, options: { timezone?: string; afterTimeMs?: number } = {}) {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'latin1') : text;
  const file = await dir.write(name, bytes);
  const parser = vaisalaCl31.parserFor(name, bytes.subarray(0, 512));
  if (!parser) throw new Error(`vaisala-cl31 does not claim ${name}`);
  const parsed = await parser(file, { fileName: name, ...options });
  const batches: ParsedBatch[] = await collect(parsed.batches);
  return { meta: parsed.meta, batches };
}

const every = (count: number, make: (i: number) => string) =>
  blViewFile(Array.from({ length: count }, (_, i) => ({ timeMs: T0 + i * 16_000, text: make(i) })));

describe('CL31 CRC-16', () => {
  it('is CRC-16/GENIBUS (check value 0xD64E), the same as the User\'s Guide routine, not XMODEM (0x31C3)', () => {
    const check = Buffer.from('123456789');
    expect(cl31Crc16(check)).toBe(0xd64e);
    expect(guideCrc16('123456789')).toBe(0xd64e);
    const message = clMessage({ messageNumber: 2, subclass: 1 });
    const body = message.slice(1, message.indexOf('\x03') + 1);
    expect(cl31Crc16(Buffer.from(body, 'latin1'))).toBe(guideCrc16(body));
  });
});

describe('CL31/CL51 message files', () => {
  for (const subclass of [1, 2, 3, 4, 6]) {
    const shape = CL_SUBCLASS_SHAPES[subclass]!;
    it(`message 2 subclass ${subclass}: ${shape.resolution} m x ${shape.samples} gates`, async () => {
      const counts = Array.from({ length: shape.samples }, (_, i) => (i === 0 ? -1 : i === 1 ? 524287 : i === 2 ? -524288 : i));
      const { meta, batches } = await parse(`sub${subclass}.dat`, every(3, () => clMessage({ messageNumber: 2, subclass, counts })));
      expect(meta.attributes).toMatchObject({ messages: 3, crcFailures: 0, model: shape.samples > 1500 ? 'CL51' : 'CL31', resolutionM: shape.resolution, samples: shape.samples });
      const rows = profileRows(batches, 'backscatter');
      expect(rows.map((r) => new Date(r.timeMs).toISOString())).toEqual(['2020-05-01T00:00:16.000Z', '2020-05-01T00:00:32.000Z', '2020-05-01T00:00:48.000Z']);
      // Counts of (100000 srad km)^-1 = 1e-8 m-1 sr-1, 20-bit two's complement.
      expect(rows[0]!.values.length).toBe(shape.samples);
      expect(Array.from(rows[0]!.values.subarray(0, 4))).toEqual([-1e-8, 524287e-8, -524288e-8, 3e-8].map(Math.fround));
      const profile = batches.find((b) => b.type === 'profiles');
      expect(profile?.type === 'profiles' && profile.variable.axis!.values.slice(0, 2)).toEqual([shape.resolution / 2, 1.5 * shape.resolution]);
    });
  }

  it('message 1 (no sky condition) and the base subclass 5 (no profile)', async () => {
    const text = blViewFile([
      { timeMs: T0, text: clMessage({ messageNumber: 1, subclass: 1 }) },
      { timeMs: T0 + 2000, text: clMessage({ messageNumber: 1, subclass: 5 }) },
      { timeMs: T0 + 4000, text: clMessage({ messageNumber: 2, subclass: 5 }) },
    ]);
    const { meta, batches } = await parse('msg1.dat', text);
    expect(meta.attributes.messages).toBe(3);
    expect(profileRows(batches, 'backscatter')).toHaveLength(1);
    expect(scalarSeries(batches, 'cloud_base_1').map((p) => p.value)).toEqual([1230, 1230, 1230]);
    expect(scalarSeries(batches, 'laser_pulse_energy').map((p) => p.value)).toEqual([98, null, null]);
    expect(scalarSeries(batches, 'sky_detection_status')).toHaveLength(1);
  });

  it('divides by SCALE/100 and reads the status, heights and settings', async () => {
    const text = every(1, () => clMessage({
      messageNumber: 2, subclass: 2, scale: 200, counts: Array.from({ length: 385 }, () => 1000),
      detectionStatus: '3', selfCheck: 'W', heights: ['00100', '00250', '00700'], statusHex: '0001A0000080',
      sky: ' 3 012 5 034 8 100 0 /// 0 ///',
    }));
    const { batches } = await parse('scale.dat', text);
    expect(profileRows(batches, 'backscatter')[0]!.values[0]).toBe(Math.fround(1000e-8 / 2));
    const value = (name: string) => scalarSeries(batches, name)[0]!.value;
    expect([value('detection_status'), value('self_check'), value('cloud_base_1'), value('cloud_base_2'), value('cloud_base_3'), value('vertical_visibility')]).toEqual([3, 1, 100, 250, 700, null]);
    expect([value('alarm_bits'), value('warning_bits'), value('internal_bits')]).toEqual([1, 0xa000, 0x80]);
    expect([value('scale'), value('laser_pulse_energy'), value('laser_temperature'), value('window_transmission'), value('tilt_angle'), value('background_light')]).toEqual([200, 98, 34, 99, 12, 621]);
    expect(value('backscatter_sum')).toBeCloseTo(139 / 1e4 / 2, 10);
    expect([value('sky_detection_status'), value('cloud_amount_1'), value('cloud_layer_height_1'), value('cloud_amount_2'), value('cloud_layer_height_2'), value('cloud_amount_3'), value('cloud_layer_height_3'), value('cloud_layer_height_4')]).toEqual([3, 3, 120, 5, 340, 8, 1000, null]);
  });

  it('converts feet to metres when the internal status says feet; vertical visibility in status 4', async () => {
    const text = every(1, () => clMessage({ messageNumber: 2, subclass: 1, detectionStatus: '4', heights: ['01000', '02000', '/////'], statusHex: '000000000000', sky: ' 9 010 0 /// 0 /// 0 /// 0 ///' }));
    const { batches } = await parse('feet.dat', text);
    const value = (name: string) => scalarSeries(batches, name)[0]!.value;
    expect([value('cloud_base_1'), value('vertical_visibility'), value('highest_signal')]).toEqual([null, 304.8, 2000]);
    expect([value('sky_detection_status'), value('cloud_amount_1'), value('cloud_layer_height_1')]).toEqual([9, null, 304.8]);
  });

  it('reads timestamps written after each message, Unix-second timestamps, and a logger zone', async () => {
    const after = [0, 1].map((i) => `${clMessage({ messageNumber: 1, subclass: 2 })}2020-05-01 00:0${i}:16\r\n`).join('');
    expect(profileRows((await parse('after.dat', after)).batches, 'backscatter').map((r) => r.timeMs)).toEqual([T0, T0 + 60_000]);
    const unix = `${T0 / 1000}\n${clMessage({ messageNumber: 1, subclass: 2 })}`;
    expect(profileRows((await parse('unix.dat', unix)).batches, 'backscatter')[0]!.timeMs).toBe(T0);
    const zoned = await parse('zoned.dat', every(1, () => clMessage({ messageNumber: 1, subclass: 2 })), { timezone: 'Europe/Helsinki' });
    expect(profileRows(zoned.batches, 'backscatter')[0]!.timeMs).toBe(T0 - 3 * 3600_000);
  });

  it('skips and counts messages failing their CRC, appending the rest', async () => {
    const text = every(5, (i) => clMessage({ messageNumber: 2, subclass: 2, crcOverride: i === 1 || i === 3 ? 0x1234 : undefined }));
    const { meta, batches } = await parse('crc.dat', text);
    expect(meta.attributes).toMatchObject({ messages: 3, crcFailures: 2 });
    expect(profileRows(batches, 'backscatter').map((r) => (r.timeMs - T0) / 16_000)).toEqual([0, 2, 4]);
    // A flipped byte in the profile, with the original CRC, is caught the same way.
    const good = clMessage({ messageNumber: 2, subclass: 2 });
    const at = good.lastIndexOf('\r\n', good.indexOf('\x03')) - 10;
    const damaged = good.slice(0, at) + (good[at] === 'F' ? '0' : 'F') + good.slice(at + 1);
    expect((await parse('flip.dat', blViewFile([{ timeMs: T0, text: damaged }]))).meta.attributes).toMatchObject({ messages: 0, crcFailures: 1 });
  });

  it('skips and counts a message cut short by a restart or the end of a file still being written', async () => {
    const whole = clMessage({ messageNumber: 2, subclass: 2 });
    const text = blViewFile([
      { timeMs: T0, text: whole },
      { timeMs: T0 + 16_000, text: whole.slice(0, 200) + '\r\n' },
      { timeMs: T0 + 32_000, text: whole },
      { timeMs: T0 + 48_000, text: whole.slice(0, whole.length - 30) },
    ]);
    const { meta, batches } = await parse('cut.dat', text);
    expect(meta.attributes).toMatchObject({ messages: 2, incompleteMessages: 2 });
    expect(profileRows(batches, 'backscatter').map((r) => r.timeMs)).toEqual([T0, T0 + 32_000]);
  });

  it('skips and counts the CL31 status message (text for people) between data messages', async () => {
    const status = '\x01CL0100S0\x02\r\n10 00850 ///// ///// 000000000080\r\nAlarms\r\nTmit Shutoff OK Transmitter OK\r\n' +
      'Batt use: off\r\nSystem Status: OK\r\n\x03\r\n';
    const text = blViewFile([
      { timeMs: T0, text: clMessage({ messageNumber: 2, subclass: 2 }) },
      { timeMs: T0 + 1000, text: status },
      { timeMs: T0 + 2000, text: clMessage({ messageNumber: 2, subclass: 2 }) },
    ]);
    const { meta, batches } = await parse('status.dat', text);
    expect(meta.attributes).toMatchObject({ messages: 2, statusMessages: 1, crcFailures: 0 });
    expect(profileRows(batches, 'backscatter')).toHaveLength(2);
  });

  it('honours afterTimeMs (the tail of a file that grew)', async () => {
    const { batches } = await parse('tail.dat', every(4, () => clMessage({ messageNumber: 1, subclass: 2 })), { afterTimeMs: T0 + 16_000 });
    expect(profileRows(batches, 'backscatter').map((r) => r.timeMs)).toEqual([T0 + 32_000, T0 + 48_000]);
  });
});

describe('CT25K message files', () => {
  it('message 2: 256 gates of 30 m, 16-bit two\'s complement in (10000 srad km)^-1, with or without SCALE', async () => {
    const counts = Array.from({ length: 256 }, (_, i) => (i === 0 ? -1 : i === 1 ? 32767 : i === 2 ? -32768 : i));
    const text = blViewFile([
      { timeMs: T0, text: ctMessage({ messageNumber: 2, counts }) },
      { timeMs: T0 + 30_000, text: ctMessage({ messageNumber: 2, counts, scale: null }) },
    ]);
    const { meta, batches } = await parse('ct.dat', text);
    expect(meta.attributes).toMatchObject({ model: 'CT25K', messages: 2, heightUnit: 'm' });
    const rows = profileRows(batches, 'backscatter');
    expect(rows).toHaveLength(2);
    expect(Array.from(rows[0]!.values.subarray(0, 4))).toEqual([-1e-7, 32767e-7, -32768e-7, 3e-7].map(Math.fround));
    expect(rows[1]!.values[255]).toBe(Math.fround(255e-7));
    const profile = batches.find((b) => b.type === 'profiles');
    expect(profile?.type === 'profiles' && profile.variable.axis!.values.at(-1)).toBe(255.5 * 30);
    expect(scalarSeries(batches, 'cloud_base_1')[0]!.value).toBe(420);
    expect(scalarSeries(batches, 'receiver_sensitivity')[0]!.value).toBe(105);
  });

  it('messages 1 and 6 (sky condition, four layers), in feet', async () => {
    const text = blViewFile([
      { timeMs: T0, text: ctMessage({ messageNumber: 1, statusHex: '00000000' }) },
      { timeMs: T0 + 15_000, text: ctMessage({ messageNumber: 6, statusHex: '00000000' }) },
    ]);
    const { batches } = await parse('ct16.dat', text);
    expect(scalarSeries(batches, 'cloud_base_1').map((p) => p.value)).toEqual([128.02, 128.02]);
    expect(scalarSeries(batches, 'cloud_layer_height_2').map((p) => p.value)).toEqual([5181.6]);
    expect(profileRows(batches, 'backscatter')).toHaveLength(0);
  });
});

describe('vaisala-cl31 kind', () => {
  it('claims files holding SOH CL/CT messages, not others', () => {
    expect(vaisalaCl31.parserFor('x.dat', Buffer.from(every(1, () => clMessage({ messageNumber: 1, subclass: 2 })), 'latin1'))).not.toBeNull();
    expect(vaisalaCl31.parserFor('x.dat', Buffer.from(ctMessage({ messageNumber: 1 }), 'latin1'))).not.toBeNull();
    expect(vaisalaCl31.parserFor('x.dat', Buffer.from('"TOA5","station"\r\n'))).toBeNull();
  });
});
