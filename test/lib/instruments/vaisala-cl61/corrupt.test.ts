// Corrupt files must come back as ParseErrors: never a crash, never a hang, and never a worn-out HDF5 reader
// (every HDF5 error leaks a little of the wasm instance's stack, so reader threads are retired; see hdf5.ts).
import fs from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParseError } from '../../../../lib/instruments/types';
import { readerThreadsStarted, setReadTimeoutMs } from '../../../../lib/instruments/vaisala-cl61/hdf5';
import { parseCl61File } from '../../../../lib/instruments/vaisala-cl61/parser';
import { syntheticCl61Layout, writeCl61File } from '../../../helpers/fixtures/cl61';

const START_MS = Date.UTC(2023, 6, 30);

/** 'ok' when the file parsed completely, 'parse-error' for a ParseError; anything else is rethrown. */
async function outcome(file: string): Promise<'ok' | 'parse-error'> {
  try {
    const parsed = await parseCl61File(file, { fileName: path.basename(file), batchSize: 7 });
    for await (const batch of parsed.batches) expect(batch.rows.length).toBeGreaterThan(0);
    return 'ok';
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    // A thread given up on (endless loop) is killed holding its descriptor: a known, documented leak.
    if (!error.message.includes('gave up')) expect(openDescriptors(file), error.message).toBe(0);
    return 'parse-error';
  }
}

/** Descriptors open in this process (reader thread included), on `file` or in all; -1 without /proc. */
function openDescriptors(file?: string): number {
  if (!fs.existsSync('/proc/self/fd')) return file ? 0 : -1;
  const target = file ? fs.realpathSync(file) : null;
  return fs.readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return target === null || fs.readlinkSync(`/proc/self/fd/${fd}`) === target;
    } catch {
      return false;
    }
  }).length;
}

/** Small deterministic generator, so that a failure names a reproducible variant. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('vaisala-cl61 parser on corrupt HDF5 files', () => {
  let dir: string;
  let defaultTimeoutMs: number;
  const originals: Record<string, Buffer> = {};

  beforeAll(async () => {
    // Some damaged variants make HDF5 loop forever; give up on those in seconds, not the production minute.
    defaultTimeoutMs = setReadTimeoutMs(5_000);
    dir = await mkdtemp(path.join(tmpdir(), 'fieldops-cl61-'));
    for (const schema of ['cl61-2021', 'cl61-2023'] as const) {
      const file = path.join(dir, `${schema}.nc`);
      await writeCl61File(file, syntheticCl61Layout({ schema, startMs: START_MS, profiles: 30, gates: 200, cloudRows: 20 }));
      originals[schema] = await readFile(file);
    }
  });
  afterAll(async () => {
    setReadTimeoutMs(defaultTimeoutMs);
    await rm(dir, { recursive: true, force: true });
  });

  it('never fails with anything but a ParseError when bytes past the superblock are damaged', async () => {
    const counts = { ok: 0, 'parse-error': 0 };
    const random = lcg(61);
    for (let variant = 0; variant < 60; variant++) {
      const original = originals[variant % 2 === 0 ? 'cl61-2021' : 'cl61-2023'] as Buffer;
      const damaged = Buffer.from(original);
      // Half of the variants hit the metadata near the start, half anywhere (chunked, deflated data).
      const span = variant % 4 < 2 ? Math.min(4096, damaged.length) : damaged.length;
      for (let hit = 0; hit < 1 + Math.floor(random() * 30); hit++) {
        const at = 64 + Math.floor(random() * (span - 64));
        damaged[at] = Math.floor(random() * 256);
      }
      const file = path.join(dir, `damaged-${variant}.nc`);
      await writeFile(file, damaged);
      counts[await outcome(file)] += 1;
    }
    expect(counts['parse-error']).toBeGreaterThan(0);
  });

  it('keeps working after far more HDF5 errors than one reader thread is allowed', async () => {
    const before = readerThreadsStarted();
    const garbage = path.join(dir, 'garbage.nc');
    await writeFile(garbage, Buffer.concat([originals['cl61-2023']?.subarray(0, 8) ?? Buffer.alloc(0), Buffer.alloc(2048, 0x33)]));
    const descriptorsBefore = openDescriptors();
    for (let attempt = 0; attempt < 250; attempt++) expect(await outcome(garbage)).toBe('parse-error');
    // Each HDF5 error used to leave the error handler's tmpfile() open; they are closed after each request.
    if (descriptorsBefore >= 0) expect(openDescriptors()).toBeLessThan(descriptorsBefore + 20);
    expect(readerThreadsStarted()).toBeGreaterThan(before + 1);
    expect(await outcome(path.join(dir, 'cl61-2023.nc'))).toBe('ok');
  });

  it('gives up on a file that makes HDF5 loop forever, and reads the next file with a fresh thread', async () => {
    // A heap object whose recorded size runs past its neighbours sends HDF5's global-heap decoder into an
    // endless loop (found by the byte-flipping test above). Corrupt the one holding "celsius".
    const damaged = Buffer.from(originals['cl61-2023'] as Buffer);
    const heap = damaged.indexOf('GCOL');
    const celsius = damaged.indexOf('celsius', heap);
    expect(heap).toBeGreaterThan(0);
    expect(celsius).toBeGreaterThan(heap);
    damaged[celsius - 8] = (damaged[celsius - 8] as number) + 160; // low byte of that object's size field
    const file = path.join(dir, 'endless.nc');
    await writeFile(file, damaged);
    const error = await parseCl61File(file, { fileName: 'endless.nc' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).message).toMatch(/endless.nc: the HDF5 reader gave up after 5 s/);
    expect(await outcome(path.join(dir, 'cl61-2023.nc'))).toBe('ok');
  });
});
