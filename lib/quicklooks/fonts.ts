// Text in quicklooks needs a font that @napi-rs/canvas can draw with. Containers often have no system fonts,
// so the lookup goes: a known system font file, then whatever family the library found in the system's font
// folders, then the Geist font that the `next` dependency ships (so labels survive a font-less machine), and
// only then no font at all: the plot is still drawn, minus its text, and the lookup says so once in the log.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';

export const FONT_FAMILY = 'FieldopsSans';
export const FALLBACK_FONT_FAMILY = 'FieldopsFallbackSans';

const SYSTEM_FONT_FILES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf',
  '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
  '/usr/share/fonts/noto/NotoSans-Regular.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/System/Library/Fonts/Supplemental/Arial.ttf',
  'C:\\Windows\\Fonts\\arial.ttf',
];

/** Where a font may come from; a parameter so that tests can stand for a machine without any. */
export interface FontSources {
  /** Font files to register, in order of preference. */
  systemFiles: readonly string[];
  /** Families the canvas library found on its own (the system's font folders). */
  systemFamilies(): string[];
  /** A font file that ships with the application's dependencies, or null when it cannot be found. */
  bundledFile(): string | null;
}

export type FontChoice =
  | { family: string; source: 'system-file' | 'system-family' | 'bundled'; detail: string }
  | { family: null; source: 'none'; detail: string };

export interface FontLog {
  warn(message: string): void;
}

/** The Geist Regular TTF inside the installed `next` package (SIL Open Font License). */
export function nextBundledFont(): string | null {
  try {
    const nextRoot = path.dirname(createRequire(import.meta.url).resolve('next/package.json'));
    const file = path.join(nextRoot, 'dist', 'compiled', '@vercel', 'og', 'Geist-Regular.ttf');
    return fs.existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

const DEFAULT_FONT_SOURCES: FontSources = {
  systemFiles: SYSTEM_FONT_FILES,
  systemFamilies: () => GlobalFonts.families.map((f) => f.family),
  bundledFile: nextBundledFont,
};

export const NO_FONT_MESSAGE =
  'quicklooks: no font found (no system font file, no system font family, no bundled font): images are drawn without any text; install a TrueType font (e.g. the fonts-dejavu-core package) to get titles and axis labels';

function register(file: string, family: string): boolean {
  try {
    return fs.existsSync(file) && GlobalFonts.registerFromPath(file, family) !== null;
  } catch {
    // An unreadable or corrupt font file is one candidate less, never a failed plot.
    return false;
  }
}

/** A failing lookup is one source less, like a missing file. */
function unlessItThrows<T>(lookup: () => T): T | undefined {
  try {
    return lookup();
  } catch {
    return undefined;
  }
}

/** Looks for a font in `sources`, registering the file it picks. Never throws. */
export function findQuicklookFont(sources: FontSources): FontChoice {
  for (const file of sources.systemFiles) {
    if (register(file, FONT_FAMILY)) return { family: FONT_FAMILY, source: 'system-file', detail: file };
  }
  const family = unlessItThrows(() => sources.systemFamilies()[0]);
  if (family) return { family, source: 'system-family', detail: family };
  const bundled = unlessItThrows(() => sources.bundledFile());
  if (bundled && register(bundled, FALLBACK_FONT_FAMILY)) return { family: FALLBACK_FONT_FAMILY, source: 'bundled', detail: bundled };
  return { family: null, source: 'none', detail: NO_FONT_MESSAGE };
}

const resolved = new WeakMap<FontSources, FontChoice>();

/**
 * The CSS family to draw text with, or null when there is no font (text is then skipped). Looked up once per
 * set of sources; the first lookup that finds none logs why, so a font-less worker says so once, not per plot.
 */
export function quicklookFont(sources: FontSources = DEFAULT_FONT_SOURCES, log: FontLog = consoleLog): string | null {
  let choice = resolved.get(sources);
  if (!choice) {
    choice = findQuicklookFont(sources);
    resolved.set(sources, choice);
    if (choice.family === null) log.warn(choice.detail);
  }
  return choice.family;
}

const consoleLog: FontLog = { warn: (message) => console.warn(message) };
