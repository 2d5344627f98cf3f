import { loadConfig } from '../config/load';
import type { InstrumentConfig } from '../config/schema';
import type { Env } from '../env';

export class UsageError extends Error {}

/** The config's instrument with this id, or a usage error listing the ids there are. */
export function findInstrument(env: Env, id: string): InstrumentConfig {
  const { config } = loadConfig({ configPath: env.FIELDOPS_CONFIG, dataDir: env.dataDir });
  const instrument = config.instruments.find((i) => i.id === id);
  if (!instrument) throw new UsageError(`no instrument '${id}' in the config; there are: ${config.instruments.map((i) => i.id).join(', ')}`);
  return instrument;
}
