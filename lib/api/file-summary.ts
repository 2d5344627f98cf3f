// A ledger entry as the partner API shows it: no server paths, and a download link when there is content.
import type { LedgerFile } from '../../db/schema';
import { downloadable } from '../../db/queries/export-files';

export function describeApiFile(file: LedgerFile) {
  return {
    id: file.id,
    instrument: file.instrumentId,
    path: file.relativePath,
    basename: file.basename,
    size: file.size,
    sha256: file.sha256,
    mtime: file.mtime.toISOString(),
    state: file.state,
    late: file.late,
    rowsAppended: file.rowsAppended,
    dataStart: file.dataStart?.toISOString() ?? null,
    dataEnd: file.dataEnd?.toISOString() ?? null,
    download: downloadable(file) ? `/api/v1/files/${file.id}/content` : null,
  };
}
