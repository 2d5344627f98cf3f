// Reads and validates fieldops.config.yaml once at start. A bad file stops start-up with a message naming
// the file, the key and what is wrong, because a half-understood config is worse than none.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { z } from 'zod';
import { configSchema, type FieldopsConfig } from './schema';
import { demoConfig } from './demo';

export class ConfigError extends Error {}

export interface LoadedConfig {
  config: FieldopsConfig;
  /** The file it came from, or null for the built-in demo campaign. */
  file: string | null;
}

/** `FIELDOPS_CONFIG`, else `./fieldops.config.yaml` if present, else the demo campaign. */
export function loadConfig(options: { configPath?: string; dataDir: string; cwd?: string }): LoadedConfig {
  const candidate = options.configPath ?? path.join(options.cwd ?? process.cwd(), 'fieldops.config.yaml');
  if (!options.configPath && !fs.existsSync(candidate)) {
    return { config: demoConfig(options.dataDir), file: null };
  }
  const file = path.resolve(candidate);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${file}: cannot read the config file: ${(error as Error).message}`);
  }
  return { config: parseConfig(text, file), file };
}

export function parseConfig(text: string, file: string): FieldopsConfig {
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const where = first.linePos?.[0] ? `line ${first.linePos[0].line}, column ${first.linePos[0].col}: ` : '';
    throw new ConfigError(`${file}: ${where}${first.message.split('\n')[0]}`);
  }
  const result = configSchema.safeParse(doc.toJS() ?? {});
  if (!result.success) throw new ConfigError(formatIssues(file, result.error.issues));
  return result.data;
}

function formatIssues(file: string, issues: z.core.$ZodIssue[]): string {
  const lines = issues.slice(0, 10).map((issue) => `  ${keyPath(issue.path) || '(top level)'}: ${describe(issue)}`);
  const more = issues.length > 10 ? `\n  … and ${issues.length - 10} more` : '';
  return `${file}: invalid config\n${lines.join('\n')}${more}`;
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
  return issue.message;
}

/** ['instruments', 1, 'source', 'path'] → instruments[1].source.path */
export function keyPath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>((acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${String(seg)}` : String(seg)), '');
}
