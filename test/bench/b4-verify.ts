// B4 verify: two trees of 1,000,000 files each (generated listings; 1,000 missing on each side), compared by
// basename through lib/mirrors/plan in a child process (so its peak RSS is its own), next to
// `sort | comm -23` on the same two listings in the same run. Target: <= 3x comm's time, <= 500 MB.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './report';

const FILES = 1_000_000;
const MISSING = 1_000;
const INSTRUMENTS = ['cl61', 'asfs', 'hatpro', 'cam1', 'mrr', 'ceilo2', 'flux', 'radar', 'sonic', 'pyrano'];
const DAY0 = Date.UTC(2026, 9, 1) / 1000;

export async function benchVerify(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-b4-'));
  try {
    const source = path.join(dir, 'source.txt');
    const target = path.join(dir, 'target.txt');
    writeListings(source, target);

    const comm = timeComm(dir, source, target);
    const app = await runVerifyChild(source, target);
    if (app.missingOnTarget !== MISSING || app.missingOnSource !== MISSING || comm.lines !== MISSING) {
      throw new Error(`B4 found ${app.missingOnTarget}/${app.missingOnSource} missing (comm: ${comm.lines}); expected ${MISSING} each`);
    }
    const cpu = comm.cpuSeconds === null ? '' : `; CPU ${app.cpuSeconds.toFixed(1)} s vs comm ${comm.cpuSeconds.toFixed(1)} s`;
    return [{
      name: 'B4 verify', metric: 'seconds (2 x 1 M files, basename)', value: app.seconds, unit: 's',
      baselineName: 'LC_ALL=C sort | comm -23', baseline: comm.seconds, ratio: app.seconds / comm.seconds, target: '<= 3 (x comm time)',
      extra: `verify ${app.seconds.toFixed(2)} s (reading both listings, comparing both ways, ${app.coverageCells} coverage cells), sort+comm ${comm.seconds.toFixed(2)} s${cpu}; ` +
        `verifying process peak RSS ${Math.round(app.maxRssMb)} MB (target <= 500 MB)`,
    }];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Dated layout on both sides (comm compares whole lines); the target lacks 1,000 files and has 1,000 others. */
function writeListings(sourceFile: string, targetFile: string): void {
  const source = fs.openSync(sourceFile, 'w');
  const target = fs.openSync(targetFile, 'w');
  let sourceChunk = '';
  let targetChunk = '';
  for (let i = 0; i < FILES; i++) {
    const instrument = INSTRUMENTS[i % INSTRUMENTS.length]!;
    const t = DAY0 + Math.floor(i / 20) * 60;
    const d = new Date(t * 1000);
    const dated = `raw/${instrument}/Y${d.getUTCFullYear()}/M${d.getUTCMonth() + 1}/D${d.getUTCDate()}`;
    const line = `${dated}/${instrument}_${d.toISOString().slice(0, 19).replace(/\D/g, '')}_${i}.nc\t${100_000 + (i % 977)}\t${t}\n`;
    sourceChunk += line;
    // Every 1000th file is missing on the target, and the target has one file of its own in its place.
    targetChunk += i % 1000 === 500 ? `${dated}/${instrument}_extra_${i}.nc\t1234\t${t}\n` : line;
    if (sourceChunk.length > 1 << 20) {
      fs.writeSync(source, sourceChunk);
      fs.writeSync(target, targetChunk);
      sourceChunk = targetChunk = '';
    }
  }
  fs.writeSync(source, sourceChunk);
  fs.writeSync(target, targetChunk);
  fs.closeSync(source);
  fs.closeSync(target);
}

function timeComm(dir: string, source: string, target: string): { seconds: number; cpuSeconds: number | null; lines: number } {
  const out = path.join(dir, 'comm.txt');
  const script = `LC_ALL=C sort ${source} > ${dir}/s1 && LC_ALL=C sort ${target} > ${dir}/s2 && LC_ALL=C comm -23 ${dir}/s1 ${dir}/s2 > ${out}`;
  const timed = fs.existsSync('/usr/bin/time');
  const started = performance.now();
  const run = spawnSync(timed ? '/usr/bin/time' : 'sh', timed ? ['-f', '%U %S', 'sh', '-c', script] : ['-c', script], { encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`sort | comm failed: ${run.stderr}`);
  const [user, system] = timed ? run.stderr.trim().split('\n').pop()!.split(' ').map(Number) : [NaN, NaN];
  const lines = fs.readFileSync(out, 'utf8').split('\n').filter(Boolean).length;
  return { seconds, cpuSeconds: timed ? user! + system! : null, lines };
}

function runVerifyChild(source: string, target: string): Promise<{ seconds: number; cpuSeconds: number; maxRssMb: number; missingOnTarget: number; missingOnSource: number; coverageCells: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./b4-verify-child.ts', import.meta.url)), source, target], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`verify child failed (${code}): ${out}`))));
  });
}
