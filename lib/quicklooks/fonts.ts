// Text in quicklooks needs a font that @napi-rs/canvas can find. Containers often have no system fonts, so we
// register the first font file we find under one family name; without any, plots still render, minus text.
import fs from 'node:fs';
import { GlobalFonts } from '@napi-rs/canvas';

export const FONT_FAMILY = 'FieldopsSans';

const CANDIDATES = [
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

let resolved: string | null | undefined;

/** The CSS family to draw text with, or null when no font is available (text is then skipped). */
export function quicklookFont(): string | null {
  if (resolved !== undefined) return resolved;
  resolved = null;
  for (const file of CANDIDATES) {
    if (fs.existsSync(file) && GlobalFonts.registerFromPath(file, FONT_FAMILY)) {
      resolved = FONT_FAMILY;
      return resolved;
    }
  }
  // Whatever the library found on its own (fontconfig directories).
  const family = GlobalFonts.families[0]?.family;
  if (family) resolved = family;
  return resolved;
}
