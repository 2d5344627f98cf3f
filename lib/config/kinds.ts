// Every instrument kind a config may name. Each has (or will have) a module under lib/instruments/<kind>/.
export const INSTRUMENT_KINDS = [
  'campbell-toa5',
  'campbell-dataquery',
  'vaisala-cl61',
  'rpg-hatpro',
  'webcam',
  'rpg-fmcw',
  'campbell-tob3',
  'licor-ghg',
  'vaisala-cl31',
  'vehicle-log',
] as const;

export type InstrumentKindName = (typeof INSTRUMENT_KINDS)[number];

/** The kind whose instruments are polled live over HTTP (a long-running poller each, a /live page). */
export const LIVE_KIND = 'campbell-dataquery' satisfies InstrumentKindName;
