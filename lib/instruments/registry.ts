// Instrument kinds by the name a config's `kind:` uses. Adding a kind: its module, and one line here.
import { campbellTob3 } from './campbell-tob3';
import { campbellToa5 } from './campbell-toa5';
import { licorGhg } from './licor-ghg';
import { rpgHatpro } from './rpg-hatpro';
import { vehicleLog } from './vehicle-log';
import { vaisalaCl61 } from './vaisala-cl61';
import { webcam } from './webcam';
import type { InstrumentKind } from './types';

const kinds: InstrumentKind[] = [campbellToa5, rpgHatpro, vaisalaCl61, webcam, vehicleLog, licorGhg, campbellTob3];

const byName = new Map(kinds.map((k) => [k.kind, k]));

/** The module for a kind that has file parsers, or undefined (live-only kinds, kinds not built yet). */
export function instrumentKind(name: string): InstrumentKind | undefined {
  return byName.get(name);
}
