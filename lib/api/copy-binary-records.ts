// Reads `COPY ... TO STDOUT (FORMAT binary)` of a query with one non-null bytea column of a fixed length
// and passes on just those bytes, row after row: the netCDF export's records, made by PostgreSQL.
// Format: https://www.postgresql.org/docs/current/sql-copy.html#SQL-COPY-BINARY-FORMAT
// A file header (signature, flags, extension), then per row a 16-bit field count and, per field, a 32-bit
// length and the bytes; a field count of -1 ends the data. Chunks split rows anywhere, so a row that
// straddles two chunks is gathered in a buffer of its own; every other row is copied straight to the output.

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** Signature, flags, header extension length. */
const FIXED_HEADER_BYTES = SIGNATURE.length + 4 + 4;
const ROW_PREFIX_BYTES = 2 + 4;
const TRAILER = 0xffff;

export interface CopyDecoder {
  /** The records in this chunk (possibly none); throws on bytes that are not the expected rows. */
  push(chunk: Buffer): Buffer;
  /** At the end of the COPY: throws unless the data ended properly with exactly the expected rows. */
  end(): void;
}

export function fixedRecordDecoder(recordBytes: number, expectedRecords: number): CopyDecoder {
  if (!Number.isInteger(recordBytes) || recordBytes <= 0) throw new RangeError(`record size must be a whole number of bytes > 0, got ${recordBytes}`);
  const rowBytes = ROW_PREFIX_BYTES + recordBytes;
  let header: Buffer | null = Buffer.alloc(0);
  const straddling = Buffer.allocUnsafe(rowBytes);
  let straddled = 0;
  let records = 0;
  let ended = false;

  /** Consumes the file header; returns where the rows start in `chunk`, or -1 while the header is incomplete. */
  const readHeader = (chunk: Buffer): number => {
    const seen = header!.length;
    const all = Buffer.concat([header!, chunk]);
    if (all.length >= SIGNATURE.length && !all.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error('COPY output is not in binary format');
    if (all.length < FIXED_HEADER_BYTES || all.length < FIXED_HEADER_BYTES + all.readUInt32BE(SIGNATURE.length + 4)) {
      header = all;
      return -1;
    }
    header = null;
    return FIXED_HEADER_BYTES + all.readUInt32BE(SIGNATURE.length + 4) - seen;
  };

  const checkRow = (bytes: Buffer, at: number) => {
    const fields = bytes.readInt16BE(at);
    const length = bytes.readInt32BE(at + 2);
    if (fields !== 1 || length !== recordBytes) {
      throw new Error(`COPY row ${records + 1}: expected 1 field of ${recordBytes} bytes, got ${fields} field(s), the first of ${length} bytes`);
    }
  };

  return {
    push(chunk) {
      let at = 0;
      if (header) {
        at = readHeader(chunk);
        if (at < 0) return Buffer.alloc(0);
      }
      const out = Buffer.allocUnsafe(Math.floor((straddled + chunk.length - at) / rowBytes) * recordBytes);
      let written = 0;
      const take = (bytes: Buffer, from: number) => {
        checkRow(bytes, from);
        bytes.copy(out, written, from + ROW_PREFIX_BYTES, from + rowBytes);
        written += recordBytes;
        records++;
      };
      while (at < chunk.length) {
        if (ended) throw new Error('COPY output continues after its end marker');
        if (straddled > 0 || chunk.length - at < rowBytes) {
          const copied = chunk.copy(straddling, straddled, at, Math.min(chunk.length, at + rowBytes - straddled));
          straddled += copied;
          at += copied;
          if (straddled >= 2 && straddling.readUInt16BE(0) === TRAILER) {
            ended = true;
            at -= straddled - 2;
            straddled = 0;
          } else if (straddled === rowBytes) {
            take(straddling, 0);
            straddled = 0;
          }
        } else if (chunk.readUInt16BE(at) === TRAILER) {
          ended = true;
          at += 2;
        } else {
          take(chunk, at);
          at += rowBytes;
        }
      }
      return out.subarray(0, written);
    },
    end() {
      if (!ended) throw new Error(`COPY output ended without its end marker, after ${records} rows`);
      if (records !== expectedRecords) throw new Error(`export produced ${records} rows, ${expectedRecords} announced`);
    },
  };
}
