// Hostile and corrupt ceilometer files. Damage the CRC can see is skipped and counted; anything else ends in
// a ParseError naming the line, never in a crash, a huge allocation, or silently wrong rows.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCeilometerMessages } from '../../../../lib/instruments/vaisala-cl31';
import { ParseError } from '../../../../lib/instruments/types';
import { type FixtureDir, collect, makeFixtureDir, profileRows } from '../../../helpers/fixtures/hatpro';
import { blViewFile, clMessage, ctMessage, framedClMessage } from '../../../helpers/fixtures/cl31';

const T0 = Date.UTC(2020, 4, 1, 0, 0, 16);
let dir: FixtureDir;
beforeAll(async () => {
  dir = await makeFixtureDir();
});
afterAll(() => dir.cleanup());

async function parse(name: string, text: string | Buffer) {
  const file = await dir.write(name, typeof text === 'string' ? Buffer.from(text, 'latin1') : text);
  const parsed = await parseCeilometerMessages(file, { fileName: name });
  return { meta: parsed.meta, batches: await collect(parsed.batches) };
}

async function parseError(name: string, text: string | Buffer): Promise<ParseError> {
  try {
    await parse(name, text);
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error(`${name} parsed without error`);
}

const STATUS = '10 01230 ///// ///// 000000000080';
const PARAMS = '00100 20 0385 098 +34 099 12 0621 L0112HN15 139';
const at = (text: string) => blViewFile([{ timeMs: T0, text }]);

describe('hostile ceilometer files', () => {
  it('empty, blank and garbage files', async () => {
    expect((await parseError('empty.dat', '')).message).toBe('empty.dat: no complete, timestamped ceilometer message (SOH CL/CT ... ETX) in the file');
    expect((await parseError('blank.dat', '\r\n\r\n  \n')).message).toContain('no complete, timestamped ceilometer message');
    const garbage = await parseError('garbage.dat', 'hello\nworld\n');
    expect(garbage.message).toBe('garbage.dat: line 1: expected a timestamp or a ceilometer message (SOH), found "hello"');
    const binary = await parseError('binary.dat', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 10]));
    expect(binary.line).toBe(1);
  });

  it('truncated at every byte of a two-message file: a ParseError, or the whole messages with the cut one counted', async () => {
    const text = blViewFile([0, 1].map((i) => ({ timeMs: T0 + i * 16_000, text: clMessage({ messageNumber: 2, subclass: 2 }) })));
    // A message is whole once its EOT is there (the CR LF after it may be missing).
    const firstEnd = text.indexOf('\x04') + 1;
    const secondEnd = text.lastIndexOf('\x04') + 1;
    const near = (length: number) => length < 80 || Math.abs(length - firstEnd) < 60 || text.length - length < 80;
    for (let length = 0; length < text.length; length += near(length) ? 1 : 97) {
      const outcome: Awaited<ReturnType<typeof parse>> | Error = await parse('cut.dat', text.slice(0, length)).catch((error: Error) => error);
      if (outcome instanceof Error) {
        // Only cuts that leave no whole message may fail, and then with a ParseError.
        expect(outcome, `cut at ${length}`).toBeInstanceOf(ParseError);
        expect(length).toBeLessThan(firstEnd);
        continue;
      }
      const { meta, batches } = outcome;
      const whole = length >= secondEnd ? 2 : length >= firstEnd ? 1 : 0;
      expect(profileRows(batches, 'backscatter'), `cut at ${length}`).toHaveLength(whole);
      expect(meta.attributes.messages).toBe(whole);
      // Past the second timestamp line, the cut message is counted (or, cut inside its CRC line, fails it).
      const skipped = Number(meta.attributes.incompleteMessages) + Number(meta.attributes.crcFailures);
      const cutLine = length > firstEnd + 2 && length < secondEnd && text[length - 1] !== '\n';
      expect(skipped, `cut at ${length}`).toBe(length > firstEnd + 24 && length < secondEnd ? 1 : cutLine ? 1 : 0);
    }
  });

  it('a corrupt CRC field, a missing EOT, and an ETX line of garbage are CRC failures, skipped and counted', async () => {
    const good = clMessage({ messageNumber: 1, subclass: 2 });
    const noEot = good.replace('\x04', '');
    const wrongDigits = good.replace(/\x03[0-9a-f]{4}/, '\x03zzzz');
    const { meta, batches } = await parse('crcs.dat', blViewFile([noEot, wrongDigits, good].map((text, i) => ({ timeMs: T0 + i * 1000, text }))));
    expect(meta.attributes).toMatchObject({ messages: 1, crcFailures: 2 });
    expect(profileRows(batches, 'backscatter')).toHaveLength(1);
  });

  it('a header claiming 99999 samples (valid CRC) is refused before any allocation', async () => {
    const error = await parseError('huge.dat', at(framedClMessage(['CL020212\x02', STATUS, PARAMS.replace('0385', '9999'), 'FFFFF'])));
    expect(error.message).toBe('huge.dat: line 4: implausible profile length 9999 samples: expected 1..2048');
  });

  it('content that reads wrong despite a valid CRC names the line', async () => {
    const cases: [string, string[], RegExp][] = [
      ['short-profile', ['CL020212\x02', STATUS, PARAMS, '00000'.repeat(384)], /line 5: profile line has 1920 hex digits, expected 5 x 385 samples = 1925/],
      ['not-hex', ['CL020212\x02', STATUS, PARAMS, 'GGGGG'.repeat(385)], /line 5: profile line holds characters that are not hexadecimal digits/],
      ['status', ['CL020212\x02', 'this is not a status line', PARAMS, '00000'.repeat(385)], /line 3: expected a status line like/],
      ['params', ['CL020212\x02', STATUS, '00100 20 0385 abc', '00000'.repeat(385)], /line 4: expected 10 profile parameters/],
      ['resolution', ['CL020212\x02', STATUS, PARAMS.replace('00100 20', '00100 00'), '00000'.repeat(385)], /line 4: implausible profile resolution 0 m/],
      ['scale', ['CL020212\x02', STATUS, PARAMS.replace('00100', '00000'), '00000'.repeat(385)], /line 4: implausible SCALE 0/],
      ['message-number', ['CL020232\x02', STATUS, PARAMS, '00000'.repeat(385)], /line 2: unsupported CL message number 3: expected 1 or 2/],
      ['line-count', ['CL020112\x02', STATUS, PARAMS], /line 2: CL message 1 subclass 2 has 4 lines, expected 5/],
      ['id', ['CX020112\x02', STATUS], /line 2: expected a message identification line/],
      ['sky', ['CL020222\x02', STATUS, 'cloudy', PARAMS, '00000'.repeat(385)], /line 4: expected a sky condition line of 5 \(amount, height\) pairs/],
    ];
    for (const [name, lines, pattern] of cases) {
      const error = await parseError(`${name}.dat`, at(framedClMessage(lines)));
      expect(error.message, name).toMatch(pattern);
    }
  });

  it('CT25K messages have no CRC: damage is an error with its line', async () => {
    const good = ctMessage({ messageNumber: 2 });
    const lines = good.split('\r\n');
    lines[7] = '030XYZ';
    const error = await parseError('ct-bad.dat', at(lines.join('\r\n')));
    expect(error.message).toMatch(/ct-bad\.dat: line 9: expected a CT25K profile line \(3 digits and 64 hex digits\), found "030XYZ"/);
    const unsupported = await parseError('ct-3.dat', at(ctMessage({ messageNumber: 1 }).replace('CTA2010', 'CTA2030')));
    expect(unsupported.message).toContain('unsupported CT25K message number 3');
  });

  it('a message that never ends, a line longer than 16 KiB, and garbage between messages', async () => {
    const runaway = '\x01CL020212\x02\r\n' + 'x\r\n'.repeat(60);
    expect((await parseError('runaway.dat', at(runaway))).message).toMatch(/line 50: a message has no ETX line within 48 lines/);
    const long = `-2020-05-01 00:00:16\r\n\x01CL020212\x02\r\n${'0'.repeat(20_000)}\r\n`;
    expect((await parseError('long.dat', long)).message).toBe('long.dat: line 3: line longer than 16384 bytes: not a ceilometer message file');
    const between = blViewFile([{ timeMs: T0, text: clMessage({ messageNumber: 1, subclass: 2 }) }]) + 'NOISE 123\r\n';
    expect((await parseError('between.dat', between)).message).toMatch(/line \d+: expected a timestamp or a ceilometer message \(SOH\), found "NOISE 123"/);
  });

  it('impossible timestamps are not timestamps', async () => {
    const text = `-2020-02-31 00:00:16\r\n${clMessage({ messageNumber: 1, subclass: 2 })}`;
    expect((await parseError('date.dat', text)).message).toBe('date.dat: line 1: invalid timestamp "-2020-02-31 00:00:16"');
  });
});
