// A campaign for the mirror page tests: a data store and an archive lacking two of its files, verified for
// real, viewer and operator accounts, and pg-boss's schema with the mirror queues (as a worker creates them)
// so that "sync now" has a queue to send to.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PgBoss } from 'pg-boss';
import { createUser } from '../../lib/auth/accounts';
import type { FieldopsConfig } from '../../lib/config/schema';
import { mirrorHops } from '../../lib/mirrors/hops';
import { verifyHop } from '../../lib/mirrors/verify';
import { queues } from '../../workers/queues';
import type { TestDatabase } from './db';
import { mirrorCampaign, writeStore } from './mirror-fixtures';

export const PASSWORD = 'correct horse battery staple';
export const LOST = 'raw/cl61/2026/11/20/cl61_20261120_0010.nc';
/** A hostile name the page and the CSV must show as text. */
export const HOSTILE = 'raw/asfs/=cmd|calc "x",<img src=x onerror=alert(1)>.dat';

export interface MirrorPageCampaign {
  config: FieldopsConfig;
  dataDir: string;
  boss: PgBoss;
  verify(mirrorId?: string): Promise<number>;
  cleanup(): Promise<void>;
}

export async function mirrorPageCampaign(t: TestDatabase): Promise<MirrorPageCampaign> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-mirror-pages-'));
  const dataDir = path.join(tmp, 'data');
  const archive = path.join(tmp, 'archive');
  const config = await mirrorCampaign(t.db, [
    { id: 'archive', target: { path: archive }, include: ['raw'] },
    // A disk that is not mounted: its audit fails, with the reason on the page.
    { id: 'usb', source: 'archive', target: { path: path.join(tmp, 'usb-not-mounted') }, include: ['raw'] },
  ]);
  const mtimeMs = Date.now() - 3_600_000;
  const files = ['raw/cl61/2026/11/20/cl61_20261120_0000.nc', LOST, 'raw/cl61/2026/11/20/cl61_20261120_0020.nc', 'raw/asfs/asfs_1.dat', HOSTILE];
  writeStore(dataDir, Object.fromEntries(files.map((f) => [f, { content: f, mtimeMs }])));
  // The archive: flat, and without LOST and HOSTILE.
  writeStore(archive, Object.fromEntries(files.filter((f) => f !== LOST && f !== HOSTILE)
    .map((f) => [`${f.split('/').slice(0, 2).join('/')}/${path.basename(f)}`, { content: f, mtimeMs }])));
  for (const role of ['viewer', 'operator'] as const) {
    await createUser(t.db, { email: `${role}@example.org`, role, password: PASSWORD }, { actor: 'system' });
  }
  const boss = new PgBoss({ connectionString: t.url, max: 2, supervise: false, schedule: false });
  boss.on('error', () => {});
  await boss.start();
  for (const queue of [queues.mirrorSync, queues.mirrorVerify]) await boss.createQueue(queue.name, { ...queue.options, policy: queue.policy });
  return {
    config,
    dataDir,
    boss,
    verify: async (mirrorId = 'archive') => (await verifyHop({ db: t.db, hop: mirrorHops(config, dataDir, mirrorId)[0]! })).auditId,
    async cleanup() {
      await boss.stop({ graceful: false });
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}
