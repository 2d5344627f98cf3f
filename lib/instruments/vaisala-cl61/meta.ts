// Facts about the file for its ledger row: firmware, serial number, schema, site, global attributes.
import type { FileMeta } from '../types';
import type { AttributeValue, Hdf5Reader } from './snapshot';
import type { Cl61Core } from './schema';
import { fillTestFor } from './values';
import { SITE_VARIABLES, SNAPSHOT_GROUPS } from './variables';

export const CL61_FORMAT = 'vaisala-cl61 netCDF-4';

type MetaValue = string | number | null;

export function readFileMeta(reader: Hdf5Reader, core: Cl61Core): FileMeta {
  const globals = reader.attributes('/');
  const attributes: Record<string, MetaValue> = {};
  for (const [name, value] of Object.entries(globals)) {
    const kept = metaValue(value);
    if (kept !== null && kept !== '') attributes[name] = kept;
  }
  Object.assign(attributes, readSiteValues(reader), readStatusStrings(reader));
  // Our own keys last, so that no global attribute of the same name can shadow them.
  Object.assign(attributes, {
    schema: core.schema,
    firmwareVersion: firmwareVersion(globals, core),
    serialNumber: stringOrNull(globals.instrument_serial_number),
    profileIntervalSeconds: numberOrNull(globals.profile_interval_in_seconds ?? globals['time between consecutive profiles in seconds']),
    fileSpanMinutes: numberOrNull(globals.file_temporal_span_in_minutes ?? globals['temporal span of this file in minutes']),
    profileCount: core.timesMs.length,
    profilesWithoutTime: core.timesMs.filter((t) => t === null).length,
    rangeGates: core.rangeM.length,
  });
  return { format: CL61_FORMAT, attributes };
}

/** 2023 files say `sw_version`; 2021 files put the software version ("1.0.0-rc1") in `history`. */
function firmwareVersion(globals: Record<string, AttributeValue>, core: Cl61Core): string | null {
  const software = stringOrNull(globals.sw_version);
  if (software) return software;
  const history = stringOrNull(globals.history);
  return core.schema === 'cl61-2021' && history && /^\d+\.\d+/.test(history) ? history : null;
}

/**
 * Rank-0 root variables (location, calibration, range resolution) and the site variables that 2021 files
 * repeat per profile (first value kept: they describe where the instrument stands, not a measurement).
 */
function readSiteValues(reader: Hdf5Reader): Record<string, MetaValue> {
  const values: Record<string, MetaValue> = {};
  for (const name of reader.members('/')) {
    const info = reader.dataset(name);
    if (!info || info.kind === 'other') continue;
    const isSiteSeries = (SITE_VARIABLES as readonly string[]).includes(name) && info.shape.length === 1;
    if (info.shape.length !== 0 && !isSiteSeries) continue;
    if (isSiteSeries && (info.shape[0] ?? 0) === 0) continue;
    const first = isSiteSeries ? reader.readNumbers(name, [0, 1])[0] : reader.readNumbers(name)[0];
    const isFill = fillTestFor(info, reader.attributes(name));
    values[name] = first === undefined || isFill(first) ? null : first;
  }
  return values;
}

/** String attributes of the 2021 state groups, e.g. `monitoring.cl_overall` = "OK: 0". */
function readStatusStrings(reader: Hdf5Reader): Record<string, MetaValue> {
  const values: Record<string, MetaValue> = {};
  for (const group of SNAPSHOT_GROUPS) {
    for (const [name, value] of Object.entries(reader.attributes(group))) {
      if (typeof value === 'string' && value !== '') values[`${group}.${name}`] = value;
    }
  }
  return values;
}

function metaValue(value: AttributeValue): MetaValue {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return value.join(',');
}

function stringOrNull(value: AttributeValue | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function numberOrNull(value: AttributeValue | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
