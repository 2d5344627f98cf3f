// The reused byte buffer behind COPY text: what goes in comes out as UTF-8, whatever the length, across growth
// and reuse.
import { describe, expect, it } from 'vitest';
import { CopyBuffer } from '../../lib/pipeline/copy-buffer';

describe('CopyBuffer', () => {
  it('holds short ASCII, non-ASCII and long text as their UTF-8 bytes, in order', () => {
    const out = new CopyBuffer();
    const parts = ['2026-11-20T00:00:00.050Z', '\t1\t7\t', '-12.5', 'µg m-3 ☃ 𝜋', 'x'.repeat(200) + 'é', '\\N'];
    for (const part of parts) out.write(part);
    out.writeByte(10);
    const expected = Buffer.from(`${parts.join('')}\n`, 'utf8');
    expect(out.length).toBe(expected.length);
    expect(out.bytes().equals(expected)).toBe(true);
  });

  it('grows past its first MiB without losing what was written, and starts over after reset', () => {
    const out = new CopyBuffer();
    const line = '2026-11-20T00:00:00.000Z\t1\t2\t3.25\n';
    const lines = 100_000;
    for (let i = 0; i < lines; i++) out.write(line);
    out.append(Buffer.from('tail\n'));
    expect(out.length).toBe(line.length * lines + 5);
    expect(out.bytes().subarray(0, line.length).toString()).toBe(line);
    expect(out.bytes().subarray(-line.length - 5).toString()).toBe(`${line}tail\n`);
    out.reset();
    expect(out.length).toBe(0);
    out.write('again');
    expect(out.bytes().toString()).toBe('again');

    // A buffer grown far past the usual batch is not kept for the rest of the append.
    out.append(Buffer.alloc(40 << 20, 65));
    expect(out.length).toBe(5 + (40 << 20));
    out.reset();
    out.write('small');
    expect(out.bytes().toString()).toBe('small');
  });
});
