// LWP (liquid water path) and IWV (integrated water vapour): one retrieved value per record.
//
// Header: code, n (int32), min, max (float32), timeRef, retrieval (int32).
// Record (13 bytes): time (int32), flag (uint8), value (float32), pointing (float32 in v1, int32 in v2).

import { readPointing } from './angles';
import type { ScalarTable } from './batches';
import type { BinaryCursor } from './binary-cursor';
import type { FileCodeInfo } from './file-codes';
import { qualityValues } from './flags';
import { float32Attribute, readRecordCount, readRetrieval, readTimeRef } from './header-fields';
import type { FamilyLayout } from './layout';
import { finiteOrNull } from './missing-values';
import { POINTING_VARIABLES, QUALITY_VARIABLES, UNITS, scalar } from './variables';

const PRODUCTS = {
  LWP: { stream: 'hatpro_lwp', variable: scalar('LWP', UNITS.lwp, 'liquid water path') },
  IWV: { stream: 'hatpro_iwv', variable: scalar('IWV', UNITS.iwv, 'integrated water vapour') },
} as const;

export function readLwpIwvLayout(cursor: BinaryCursor, info: FileCodeInfo): FamilyLayout {
  const product = info.family === 'LWP' ? PRODUCTS.LWP : PRODUCTS.IWV;
  const angles = info.angles ?? 'int';
  const recordCount = readRecordCount(cursor);
  const valueMin = cursor.float32('minimum value');
  const valueMax = cursor.float32('maximum value');
  const timeRef = readTimeRef(cursor);
  const retrieval = readRetrieval(cursor);

  const table: ScalarTable = {
    type: 'scalars',
    stream: product.stream,
    variables: [product.variable, ...POINTING_VARIABLES, ...QUALITY_VARIABLES],
  };
  const valueLabel = `${info.family} value`;
  return {
    timeRef,
    attributes: { ...retrieval, valueMin: float32Attribute(valueMin), valueMax: float32Attribute(valueMax) },
    sections: [
      {
        label: `${info.family} record`,
        count: recordCount,
        recordSize: 13,
        readRecord(record, context) {
          const timeMs = context.timeMs(record.int32('record time'));
          const flag = record.uint8('record flag');
          const value = record.float32(valueLabel);
          const pointing = readPointing(record, angles);
          context.out.addScalars(table, timeMs, [
            finiteOrNull(value),
            finiteOrNull(pointing.elevation),
            finiteOrNull(pointing.azimuth),
            ...qualityValues(flag),
          ]);
        },
      },
    ],
  };
}
