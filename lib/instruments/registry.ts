// Instrument kinds by the name a config's `kind:` uses. Adding a kind: its module, and one line here.
import { campbellTob3 } from './campbell-tob3';
import { campbellToa5 } from './campbell-toa5';
import { licorGhg } from './licor-ghg';
import { rpgFmcw } from './rpg-fmcw';
import { rpgHatpro } from './rpg-hatpro';
import { vaisalaCl31 } from './vaisala-cl31';
import { vaisalaCl61 } from './vaisala-cl61';
import { vehicleLog } from './vehicle-log';
import { webcam } from './webcam';
import type { InstrumentKind } from './types';

const kinds: InstrumentKind[] = [campbellToa5, rpgHatpro, vaisalaCl61, webcam, rpgFmcw, vaisalaCl31, vehicleLog, licorGhg, campbellTob3];

const byName = new Map(kinds.map((k) => [k.kind, k]));

/** The module for a kind that has file parsers, or undefined (live-only kinds, kinds not built yet). */
export function instrumentKind(name: string): InstrumentKind | undefined {
  return byName.get(name);
}
