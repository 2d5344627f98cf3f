// A netCDF-3 classic (CDF-1) header writer for time series, written so it can stream: the header (which
// must state the record count) first, then one record per time with every variable's double, in order,
// big-endian (the partner API has PostgreSQL write those: db/queries/export-data.ts exportNetcdfSelect).
// Format: https://docs.unidata.ucar.edu/netcdf-c/current/file_format_specifications.html
// All variables here are 1-D doubles along the unlimited `time` dimension, so each record is
// 8 bytes × variables and needs no padding.

const NC_DIMENSION = 0x0a;
const NC_VARIABLE = 0x0b;
const NC_ATTRIBUTE = 0x0c;
const NC_CHAR = 2;
const NC_DOUBLE = 6;
/** The classic format counts records in a signed 32-bit integer. */
export const MAX_NETCDF_RECORDS = 0x7fff_ffff;

export type NcAttributes = Record<string, string | number>;

export interface NcVariable {
  name: string;
  attributes: NcAttributes;
}

export interface NcLayout {
  numrecs: number;
  globalAttributes: NcAttributes;
  /** Record variables in file order; the first is usually `time`. */
  variables: NcVariable[];
}

class HeaderWriter {
  private readonly parts: Buffer[] = [];
  int(value: number) {
    const b = Buffer.alloc(4);
    b.writeInt32BE(value);
    this.parts.push(b);
  }
  padded(bytes: Buffer) {
    this.parts.push(bytes, Buffer.alloc((4 - (bytes.length % 4)) % 4));
  }
  name(text: string) {
    const bytes = Buffer.from(text, 'utf8');
    this.int(bytes.length);
    this.padded(bytes);
  }
  attributes(attrs: NcAttributes) {
    const entries = Object.entries(attrs);
    if (entries.length === 0) return this.absent();
    this.int(NC_ATTRIBUTE);
    this.int(entries.length);
    for (const [name, value] of entries) {
      this.name(name);
      if (typeof value === 'number') {
        this.int(NC_DOUBLE);
        this.int(1);
        const b = Buffer.alloc(8);
        b.writeDoubleBE(value);
        this.parts.push(b);
      } else {
        const bytes = Buffer.from(value, 'utf8');
        this.int(NC_CHAR);
        this.int(bytes.length);
        this.padded(bytes);
      }
    }
  }
  absent() {
    this.int(0);
    this.int(0);
  }
  toBuffer() {
    return Buffer.concat(this.parts);
  }
}

/** A name the netCDF library accepts: letters, digits, `_.+-@`, not starting with a digit or punctuation. */
export function netcdfName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_.+\-@]/g, '_');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

function writeHeader(layout: NcLayout, begin: number): Buffer {
  const w = new HeaderWriter();
  w.padded(Buffer.from([0x43, 0x44, 0x46, 0x01]));
  w.int(layout.numrecs);
  w.int(NC_DIMENSION);
  w.int(1);
  w.name('time');
  w.int(0); // length 0: the unlimited (record) dimension
  w.attributes(layout.globalAttributes);
  w.int(NC_VARIABLE);
  w.int(layout.variables.length);
  layout.variables.forEach((v, i) => {
    w.name(v.name);
    w.int(1);
    w.int(0); // dimension id of time
    w.attributes(v.attributes);
    w.int(NC_DOUBLE);
    w.int(8); // vsize of one record of this variable
    w.int(begin + 8 * i);
  });
  return w.toBuffer();
}

export function netcdfHeader(layout: NcLayout): Buffer {
  if (!Number.isInteger(layout.numrecs) || layout.numrecs < 0 || layout.numrecs > MAX_NETCDF_RECORDS) {
    throw new RangeError(`netCDF-3 classic holds at most ${MAX_NETCDF_RECORDS} records, not ${layout.numrecs}`);
  }
  const names = new Set<string>();
  for (const v of layout.variables) {
    if (names.has(v.name)) throw new Error(`duplicate netCDF variable name ${v.name}`);
    names.add(v.name);
  }
  // The header's length does not depend on the begin offsets (fixed 4-byte fields): measure, then write.
  const size = writeHeader(layout, 0).length;
  if (size > MAX_NETCDF_RECORDS) throw new RangeError('netCDF header too large');
  return writeHeader(layout, size);
}
