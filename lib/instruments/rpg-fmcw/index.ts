// The `rpg-fmcw` instrument kind: RPG FMCW cloud radar level-1 (moments) binaries.

import type { InstrumentKind } from '../types';
import { lookupFmcwFileCode } from './file-codes';
import { parseFmcwLv1File } from './parse-file';
import { fmcwQuicklook } from './quicklook';

const LV1_NAME = /\.lv1$/i;

export const rpgFmcw: InstrumentKind = {
  kind: 'rpg-fmcw',
  description: 'RPG FMCW cloud radar LV1 files: reflectivity, Doppler velocity, width, LDR/polarimetry, housekeeping',
  // The file code decides. Level-0 files and any file named .LV1 are claimed too, so they are quarantined
  // with the reason (level-0 spectra are not ingested; unknown code) rather than a bare "not data".
  parserFor(fileName, head) {
    if (LV1_NAME.test(fileName)) return parseFmcwLv1File;
    if (head.length < 4) return null;
    return lookupFmcwFileCode(head.readInt32LE(0)) ? parseFmcwLv1File : null;
  },
  defaultPattern: '**/*.{LV1,lv1}',
  quicklook: fmcwQuicklook,
  keyVariables: ['lwp', 'rain_rate', 'transmitter_power', 'receiver_temperature'],
};

export { parseFmcwLv1File } from './parse-file';
