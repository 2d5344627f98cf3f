// The supervisor's preflight results (<data>/run/preflight.json, lib/supervisor/preflight.ts) for the ops page.
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const preflightSchema = z.object({
  at: z.string(),
  results: z.array(z.object({ status: z.enum(['PASS', 'WARN', 'FAIL']), name: z.string(), detail: z.string() })).max(200),
});

export type PreflightReport = z.infer<typeof preflightSchema>;

export async function readPreflight(dataDir: string): Promise<{ report: PreflightReport | null; problem: string | null }> {
  const file = path.join(dataDir, 'run', 'preflight.json');
  let text: string;
  try {
    const stat = await fs.stat(file);
    if (stat.size > 1024 * 1024) return { report: null, problem: `${file} is larger than 1 MB` };
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { report: null, problem: 'no preflight results yet (written by `fieldops start`)' };
    return { report: null, problem: (error as Error).message };
  }
  try {
    const parsed = preflightSchema.safeParse(JSON.parse(text));
    return parsed.success ? { report: parsed.data, problem: null } : { report: null, problem: `${file} is not a preflight report` };
  } catch {
    return { report: null, problem: `${file} is not valid JSON` };
  }
}
