// The live log's reading of fieldops.jsonl: the last N matching lines, following appends, a partial line
// waiting for its newline, truncation and rotation, oversized and non-JSON lines, and hostile filters.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type LogEntry, parseLogFilter } from '../../lib/ops/control/log-filter';
import { logEventStream } from '../../lib/ops/control/log-stream';
import { followLog, readLogTail } from '../../lib/ops/control/log-tail';
import { waitFor } from '../helpers/fieldops-process';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-log-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const line = (component: string, level: number, msg: string) => `${JSON.stringify({ level, time: new Date().toISOString(), component, pid: 1, msg })}\n`;
const filter = (query: string) => {
  const parsed = parseLogFilter(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.filter;
};

describe('log filter', () => {
  it('accepts component, level and lines, with defaults', () => {
    expect(filter('')).toEqual({ component: null, minLevel: 10, lines: 200 });
    expect(filter('component=worker&level=warn&lines=5')).toEqual({ component: 'worker', minLevel: 40, lines: 5 });
  });

  it('refuses hostile and out-of-range values, naming the parameter', () => {
    for (const [query, name] of [['level=loud', 'level'], ['lines=-1', 'lines'], ['lines=1e9', 'lines'], ['lines=5000', 'lines'], ['lines=abc', 'lines'],
      [`component=${encodeURIComponent('../../etc/passwd')}`, 'component'], [`component=${'x'.repeat(65)}`, 'component'], ['component=%3Cscript%3E', 'component'],
      ['level=__proto__', 'level'], ['level=constructor', 'level']] as const) {
      const parsed = parseLogFilter(new URLSearchParams(query));
      expect(parsed.ok, query).toBe(false);
      if (!parsed.ok) expect(parsed.error.startsWith(`${name}:`)).toBe(true);
    }
  });
});

describe('log tail', () => {
  it('returns the last N lines that match, oldest first, across chunk boundaries', async () => {
    const file = path.join(dir, 'tail.jsonl');
    let text = '';
    for (let i = 0; i < 5000; i++) text += line(i % 2 ? 'worker' : 'web', i % 10 === 0 ? 50 : 30, `message ${i} ${'x'.repeat(40)}`);
    fs.writeFileSync(file, text);
    const tail = await readLogTail(file, filter('lines=3&component=worker'));
    expect(tail.entries.map((e) => e.msg?.split(' ')[1])).toEqual(['4995', '4997', '4999']);
    expect(tail.offset).toBe(fs.statSync(file).size);
    const errors = await readLogTail(file, filter('lines=2&level=error'));
    expect(errors.entries.map((e) => e.msg?.split(' ')[1])).toEqual(['4980', '4990']);
    expect((await readLogTail(path.join(dir, 'missing.jsonl'), filter(''))).entries).toEqual([]);
  });

  it('keeps non-JSON lines as messages and cuts oversized ones', async () => {
    const file = path.join(dir, 'odd.jsonl');
    fs.writeFileSync(file, `not json at all\n{"broken": \n${line('worker', 30, 'y'.repeat(100_000))}[1,2,3]\n`);
    const { entries } = await readLogTail(file, filter(''));
    expect(entries.map((e) => e.component)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
    expect(entries[0]!.msg).toBe('not json at all');
    expect(entries[2]!.msg!.length).toBeLessThan(5000);
    expect(entries[2]!.msg).toMatch(/bytes cut\)$/);
  });

  it('leaves a last line still being written to the follower, which sends it whole', async () => {
    const file = path.join(dir, 'partial.jsonl');
    const last = line('worker', 30, 'being written');
    fs.writeFileSync(file, line('worker', 30, 'complete') + last.slice(0, 15));
    const tail = await readLogTail(file, filter(''));
    expect(tail.entries.map((e) => e.msg)).toEqual(['complete']);
    const seen: string[] = [];
    const stop = new AbortController();
    const following = followLog({ file, offset: tail.offset, ino: tail.ino, filter: filter(''), signal: stop.signal, intervalMs: 50, onEntry: (e) => seen.push(e.msg ?? '') });
    fs.appendFileSync(file, last.slice(15));
    await waitFor('the whole line', () => (seen.length ? true : undefined), 10_000);
    stop.abort();
    await following;
    expect(seen).toEqual(['being written']);
  });

  it('follows appends, waits for a partial line, and starts over after truncation and rotation', async () => {
    const file = path.join(dir, 'follow.jsonl');
    fs.writeFileSync(file, line('worker', 30, 'old'));
    const tail = await readLogTail(file, filter(''));
    const seen: string[] = [];
    let resets = 0;
    const stop = new AbortController();
    const following = followLog({ file, offset: tail.offset, ino: tail.ino, filter: filter('component=worker'), signal: stop.signal, intervalMs: 50,
      onEntry: (e: LogEntry) => seen.push(e.msg ?? ''), onReset: () => (resets += 1) });
    fs.appendFileSync(file, line('worker', 30, 'one') + line('web', 30, 'filtered out'));
    const half = line('worker', 30, 'two');
    fs.appendFileSync(file, half.slice(0, 20));
    await waitFor('one', () => (seen.includes('one') ? true : undefined), 10_000);
    expect(seen).toEqual(['one']);
    fs.appendFileSync(file, half.slice(20));
    await waitFor('two', () => (seen.includes('two') ? true : undefined), 10_000);

    fs.truncateSync(file, 0);
    fs.appendFileSync(file, line('worker', 30, 'after truncation'));
    await waitFor('after truncation', () => (seen.includes('after truncation') ? true : undefined), 10_000);

    fs.renameSync(file, `${file}.1`);
    fs.writeFileSync(file, line('worker', 30, 'after rotation'));
    await waitFor('after rotation', () => (seen.includes('after rotation') ? true : undefined), 10_000);
    stop.abort();
    await following;
    expect(seen).toEqual(['one', 'two', 'after truncation', 'after rotation']);
    expect(resets).toBe(2);
  });

  it('streams the tail then appends as SSE events', async () => {
    const file = path.join(dir, 'stream.jsonl');
    fs.writeFileSync(file, line('worker', 30, 'first') + line('worker', 20, 'debug noise'));
    const stop = new AbortController();
    const reader = logEventStream({ file, filter: filter('level=info'), signal: stop.signal, pollMs: 50 }).getReader();
    let text = '';
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) text += new TextDecoder().decode((await reader.read()).value);
    };
    await readUntil('event: ready');
    expect(text).toContain('"msg":"first"');
    expect(text).not.toContain('debug noise');
    fs.appendFileSync(file, line('worker', 40, 'later\nwith a newline'));
    await readUntil('later');
    expect(text).toContain('event: log\ndata: {');
    expect(text).toContain('later\\nwith a newline');
    stop.abort();
    await reader.cancel();
  });
});
