// Supervisor and browser tests need Next's production build; build it once if it is missing or stale.
import { buildIsCurrent, runNextBuild } from '../../lib/supervisor/build';

export async function ensureWebBuild(): Promise<void> {
  if (buildIsCurrent()) return;
  const lines: string[] = [];
  await runNextBuild((line) => lines.push(line)).catch((error: unknown) => {
    throw new Error(`${(error as Error).message}\n${lines.slice(-20).join('\n')}`);
  });
}
