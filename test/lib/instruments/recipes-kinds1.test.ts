// The quicklook recipes and key variables of rpg-fmcw and vaisala-cl31 name variables (and streams) their
// parsers really produce, so a renamed variable cannot leave a quicklook panel silently empty. (An FMCW recipe
// names both depolarisation moments: a radar's polarisation mode writes one of them.)

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rpgFmcw } from '../../../lib/instruments/rpg-fmcw';
import type { InstrumentKind, ParsedBatch } from '../../../lib/instruments/types';
import { vaisalaCl31 } from '../../../lib/instruments/vaisala-cl31';
import { blViewFile, clMessage } from '../../helpers/fixtures/cl31';
import { type FixtureDir, collect, makeFixtureDir } from '../../helpers/fixtures/hatpro';
import { simpleFmcwFile } from '../../helpers/fixtures/rpg-fmcw';

let dir: FixtureDir;
beforeAll(async () => {
  dir = await makeFixtureDir();
});
afterAll(() => dir.cleanup());

async function produced(kind: InstrumentKind, name: string, bytes: Buffer): Promise<Set<string>> {
  const file = await dir.write(name, bytes);
  const batches: ParsedBatch[] = await collect((await kind.parserFor(name, bytes.subarray(0, 512))!(file, { fileName: name })).batches);
  const names = new Set<string>();
  for (const batch of batches) {
    const variables = batch.type === 'scalars' ? batch.variables : [batch.variable];
    for (const v of variables) {
      names.add(v.name);
      names.add(`${batch.stream}/${v.name}`);
    }
  }
  return names;
}

function wanted(kind: InstrumentKind): string[] {
  const names = (kind.quicklook?.plots ?? []).flatMap((plot) =>
    plot.panels.flatMap((panel) => {
      const variables = panel.type === 'curtain' ? [panel.variable] : panel.variables;
      return variables.map((v) => (panel.stream ? `${panel.stream}/${v}` : v));
    }),
  );
  return [...names, ...(kind.keyVariables ?? [])];
}

describe('kinds1 quicklook recipes', () => {
  it('rpg-fmcw (LDR-mode and STSR-mode radars): each depolarisation panel is the one its mode writes', async () => {
    const ldr = await produced(rpgFmcw, 'r.LV1', simpleFmcwFile({ startMs: Date.UTC(2024, 0, 1), count: 2, dualPol: 1 }));
    const stsr = await produced(rpgFmcw, 's.LV1', simpleFmcwFile({ startMs: Date.UTC(2024, 0, 1), count: 2, dualPol: 2 }));
    const depolarisation = ['fmcw_moments/ldr', 'fmcw_moments/sldr'];
    expect(wanted(rpgFmcw).filter((name) => !depolarisation.includes(name) && !(ldr.has(name) && stsr.has(name)))).toEqual([]);
    expect([ldr.has('fmcw_moments/ldr'), ldr.has('fmcw_moments/sldr')]).toEqual([true, false]);
    expect([stsr.has('fmcw_moments/ldr'), stsr.has('fmcw_moments/sldr')]).toEqual([false, true]);
    expect(rpgFmcw.keyVariables!.length).toBeLessThanOrEqual(4);
  });

  it('vaisala-cl31 (CL31 message 2)', async () => {
    const text = blViewFile([{ timeMs: Date.UTC(2024, 0, 1), text: clMessage({ messageNumber: 2, subclass: 1 }) }]);
    const names = await produced(vaisalaCl31, 'c.dat', Buffer.from(text, 'latin1'));
    expect(wanted(vaisalaCl31).filter((name) => !names.has(name))).toEqual([]);
    expect(vaisalaCl31.keyVariables!.length).toBeLessThanOrEqual(4);
  });
});
