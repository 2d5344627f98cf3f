#!/usr/bin/env node
// `npm run bench`: the benchmarks named in the issues, each figure next to its baseline measured in the same
// run. Benchmarks are not tests: nothing here asserts a time. `npm run bench -- b1` runs one.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../test/bench/run.ts', import.meta.url).href);
