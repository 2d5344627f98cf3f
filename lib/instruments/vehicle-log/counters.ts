// Facts found while reading a vehicle log, written into FileMeta.attributes as parsing goes (so they are
// final once the batches have been consumed) and kept on the file's ledger row.

export class LogCounters {
  /** Rows yielded in batches. */
  rows = 0;
  /** Rows dropped because their time was <= options.afterTimeMs (already appended). */
  skippedRows = 0;
  /** Values that were the logger's dropout placeholder (the column's own name) or empty; stored as null. */
  dropoutValues = 0;
  /** Lines that repeat the header: the logger had no signal for that sample. */
  noSignalLines = 0;
  /** Records whose hour, minute or second is a placeholder: they cannot be placed in time, so they are left out. */
  untimedRows = 0;
  /** Records with latitude 0 (the receiver has no fix): latitude and longitude stored as null. */
  noGpsFix = 0;
  /** Positions whose minutes part is 60 or more or whose degrees are out of range: stored as null. */
  invalidCoordinates = 0;
  /** Times that jumped back by more than 12 h: the log ran past midnight, so the date moved on. */
  midnightRollovers = 0;
  /** Times earlier than the row before by less than 12 h (a GPS clock step); kept as they are. */
  timeReversals = 0;
  /** Line number of a last record cut off before its closing bracket (still being written); 0 if none. */
  unterminatedLastLine = 0;

  writeTo(attributes: Record<string, string | number | null>): void {
    Object.assign(attributes, {
      rows: this.rows,
      skippedRows: this.skippedRows,
      dropoutValues: this.dropoutValues,
      noSignalLines: this.noSignalLines,
      untimedRows: this.untimedRows,
      noGpsFix: this.noGpsFix,
      invalidCoordinates: this.invalidCoordinates,
      midnightRollovers: this.midnightRollovers,
      timeReversals: this.timeReversals,
      unterminatedLastLine: this.unterminatedLastLine,
    });
  }
}
