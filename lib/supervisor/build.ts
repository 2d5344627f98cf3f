// The web server runs Next.js' production build. `npm ci` builds it (the `prepare` script); the supervisor
// rebuilds only when the build is missing or older than the sources (after a `git pull`, say).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { projectRoot } from '../paths';

const SOURCES = ['app', 'lib', 'db', 'public', 'next.config.ts', 'proxy.ts', 'package-lock.json', 'tsconfig.json'];
const SOURCE_FILE = /\.(tsx?|css|json|svg|png|ico|mjs)$/;

export function buildIsCurrent(root = projectRoot): boolean {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  const built = fs.statSync(buildId, { throwIfNoEntry: false });
  if (!built) return false;
  return newestSourceMtime(root) <= built.mtimeMs;
}

function newestSourceMtime(root: string): number {
  let newest = 0;
  const visit = (p: string): void => {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p)) if (entry !== 'node_modules' && !entry.startsWith('.')) visit(path.join(p, entry));
    } else if (SOURCE_FILE.test(p) && stat.mtimeMs > newest) {
      newest = stat.mtimeMs;
    }
  };
  for (const source of SOURCES) visit(path.join(root, source));
  return newest;
}

/** Runs `next build`, passing each output line to `onLine`; rejects with the tail of the output on failure. */
export function runNextBuild(onLine: (line: string) => void, root = projectRoot): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    const tail: string[] = [];
    const collect = (line: string) => {
      tail.push(line);
      if (tail.length > 40) tail.shift();
      onLine(line);
    };
    readline.createInterface({ input: child.stdout }).on('line', collect);
    readline.createInterface({ input: child.stderr }).on('line', collect);
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build failed (exit ${code}):\n${tail.join('\n')}`))));
  });
}
