// The `rpg-hatpro` instrument kind: RPG HATPRO microwave radiometer binaries.

import type { InstrumentKind } from '../types';
import { lookupFileCode } from './file-codes';
import { parseHatproFile } from './parse-file';
import { hatproKeyVariables, hatproQuicklook } from './quicklook';

export const rpgHatpro: InstrumentKind = {
  kind: 'rpg-hatpro',
  description: 'RPG HATPRO microwave radiometer binaries: LWP, IWV, BRT, BLB, MET, HKD, IRT, TPC, TPB, HPC',
  // The file code decides, never the extension: sites rename files (ZENITH_200723.LWP) and other RPG files
  // (.BLS, .HIS, .CAL) share the folder.
  parserFor(_fileName, head) {
    if (head.length < 4) return null;
    return lookupFileCode(head.readInt32LE(0)) ? parseHatproFile : null;
  },
  defaultPattern: '**/*.{LWP,IWV,BRT,BLB,MET,HKD,IRT,TPC,TPB,HPC,lwp,iwv,brt,blb,met,hkd,irt,tpc,tpb,hpc}',
  quicklook: hatproQuicklook,
  keyVariables: hatproKeyVariables,
};

export { parseHatproFile } from './parse-file';
export { lookupFileCode, type FileCodeInfo, type HatproFamily } from './file-codes';
