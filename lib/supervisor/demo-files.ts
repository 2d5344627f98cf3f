// The demo campaign's file-writing instruments (met tower, ceilometer, radiometer, sky camera) as one
// supervised child: restarted if it dies, stopped with the rest. Only the built-in demo runs it.
import type fs from 'node:fs';
import { SupervisedChild } from './child';

export function startDemoFileSimulators(env: NodeJS.ProcessEnv, jsonLog: fs.WriteStream | null): SupervisedChild {
  const child = new SupervisedChild({ name: 'demo-files', entry: 'lib/simulators/files/run.ts', env, stopTimeoutMs: 10_000, jsonLog });
  child.start();
  return child;
}
