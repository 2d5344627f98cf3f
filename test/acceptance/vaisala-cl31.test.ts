// Real CL31/CL51/CT25K message files, where ../shared/samples/vaisala-cl31 exists. The shared samples have
// none yet (the kind is tested on fixtures built from the User's Guide): this suite is skipped, with a printed
// reason, until a sample folder appears, and then checks that every file parses into plausible values.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { vaisalaCl31 } from '../../lib/instruments/vaisala-cl31';
import { collect, profileRows, scalarSeries } from '../helpers/fixtures/hatpro';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const samplesDir = path.resolve(repoRoot, '..', 'shared', 'samples', 'vaisala-cl31');
const exists = fs.existsSync(samplesDir);
if (!exists) console.warn(`vaisala-cl31 acceptance tests skipped: no sample folder at ${samplesDir}`);

describe.skipIf(!exists)('vaisala-cl31 sample files', () => {
  it('every sample parses into plausible profiles and cloud bases', async () => {
    const names = exists ? fs.readdirSync(samplesDir).filter((name) => !name.startsWith('.')) : [];
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const file = path.join(samplesDir, name);
      const parser = vaisalaCl31.parserFor(name, fs.readFileSync(file).subarray(0, 512));
      expect(parser, name).not.toBeNull();
      const parsed = await parser!(file, { fileName: name });
      const batches = await collect(parsed.batches);
      expect(Number(parsed.meta.attributes.messages), name).toBeGreaterThan(0);
      for (const row of profileRows(batches, 'backscatter')) {
        const finite = Array.from(row.values).filter(Number.isFinite);
        expect(Math.max(...finite.map(Math.abs)), name).toBeLessThan(1);
      }
      for (const point of scalarSeries(batches, 'cloud_base_1')) {
        if (point.value !== null) expect(point.value).toBeGreaterThanOrEqual(0);
        if (point.value !== null) expect(point.value).toBeLessThan(16_000);
      }
    }
  });
});
