// Which ffmpeg to run: the system's (on PATH) if there is one, else the binary @ffmpeg-installer/ffmpeg ships
// for this platform (a static build with libx264).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

let cached: string | undefined;

export function ffmpegBinary(envPath = process.env.PATH ?? ''): string {
  if (cached) return cached;
  for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, process.platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      cached = candidate;
      return cached;
    } catch {
      // not in this directory
    }
  }
  const require = createRequire(import.meta.url);
  cached = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
  return cached;
}
