// `fieldops mirror verify [--mirror M] [--from D] [--to D] [--csv FILE]`: verify every hop now, store the
// audits, print the report the daily email sends (with every path). Exit status 1 unless every hop is ok.
import fs from 'node:fs';
import { loadConfig } from '../config/load';
import { withCommandDatabase } from './command-database';
import { getEnv } from '../env';
import { mirrorHops } from '../mirrors/hops';
import { reportText, runMirrorReport } from '../mirrors/mirror-report';
import { renderReportCsv } from '../mirrors/report';
import { verifyWindow, type DayWindow } from '../mirrors/window';
import { UsageError } from './instrument-arg';
import { findHops } from './mirror-sync';

export interface MirrorVerifyFlags {
  mirror?: string;
  from?: string;
  to?: string;
  csv?: string;
}

export async function mirrorVerifyCommand(flags: MirrorVerifyFlags): Promise<void> {
  const env = getEnv();
  const { config } = loadConfig({ configPath: env.FIELDOPS_CONFIG, dataDir: env.dataDir });
  let window: DayWindow;
  try {
    window = verifyWindow(new Date(), flags.from, flags.to);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  findHops(() => mirrorHops(config, env.dataDir, flags.mirror));

  await withCommandDatabase(async (db) => {
    const report = await runMirrorReport({
      db, config, dataDir: env.dataDir, mirrorId: flags.mirror, window,
      onHop: (id) => process.stderr.write(`verifying ${id}: listing both sides…\n`),
    });
    process.stdout.write(reportText(config, report));
    if (flags.csv) {
      fs.writeFileSync(flags.csv, renderReportCsv(report.hops));
      process.stdout.write(`\nThe full lists are in ${flags.csv}\n`);
    }
    if (report.hops.some((h) => h.audit.outcome !== 'ok')) process.exitCode = 1;
  }, { syncConfig: true, applicationName: 'fieldops-mirror-verify' });
}
