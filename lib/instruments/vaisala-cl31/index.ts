// The `vaisala-cl31` instrument kind: CL31, CL51 and CT25K ceilometer data messages as loggers store them
// (messages framed by SOH ... ETX, each with a timestamp line before or after it).

import type { InstrumentKind } from '../types';
import { parseCeilometerMessages } from './parser';
import { ceilometerQuicklook } from './quicklook';

export const vaisalaCl31: InstrumentKind = {
  kind: 'vaisala-cl31',
  description: 'Vaisala CL31/CL51/CT25K ceilometer message files: backscatter profiles, cloud bases, sky condition, status',
  // Content decides: these files are .dat, .txt or .log depending on the logger. One SOH "CL"/"CT" message
  // header in the first bytes is enough to claim a file; the parser then checks the rest.
  parserFor(_fileName, head) {
    const text = head.toString('latin1');
    return /\x01C[LT]/.test(text) ? parseCeilometerMessages : null;
  },
  defaultPattern: '**/*.{dat,DAT,txt,TXT,log,LOG}',
  quicklook: ceilometerQuicklook,
  keyVariables: ['cloud_base_1', 'vertical_visibility', 'window_transmission', 'laser_pulse_energy'],
};

export { parseCeilometerMessages } from './parser';
export { cl31Crc16 } from './crc16';
