// A webcam's day as an H.264 MP4: the day's catalogued images in capture order, each checked by decoding it
// (a corrupt JPEG is skipped and counted, never fed to ffmpeg), linked into a temp folder as a numbered
// sequence, encoded with +faststart (the index first, so a browser can seek before it has the whole file),
// then renamed into place and recorded as the day's `timelapse` quicklook.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import jpeg from 'jpeg-js';
import type { Database } from '../../db/client';
import { listMediaForDay } from '../../db/queries/media-days';
import { upsertQuicklook } from '../../db/queries/quicklooks';
import { ffmpegBinary } from './ffmpeg-binary';
import { timelapsePath } from './product-paths';

const run = promisify(execFile);
export const TIMELAPSE_FPS = 12;
/** Frames are scaled to this width at most (even height kept for yuv420p). */
const MAX_WIDTH = 960;

export interface TimelapseResult {
  day: string;
  frames: number;
  corrupt: number;
  path: string | null;
}

export async function makeTimelapse(options: { db: Database; dataDir: string; instrumentId: string; day: string; signal?: AbortSignal }): Promise<TimelapseResult> {
  const { db, dataDir, instrumentId, day } = options;
  const images = await listMediaForDay(db, instrumentId, day);
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'fieldops-timelapse-'));
  try {
    let frames = 0;
    let corrupt = 0;
    let size: { width: number; height: number } | null = null;
    for (const image of images) {
      const source = path.join(dataDir, image.path);
      const decoded = await decodable(source);
      if (!decoded) {
        corrupt += 1;
        continue;
      }
      size ??= decoded;
      await fs.symlink(source, path.join(work, `frame_${String(frames).padStart(6, '0')}.jpg`));
      frames += 1;
    }
    if (frames === 0 || !size) return { day, frames, corrupt, path: null };
    const relative = timelapsePath(instrumentId, day);
    const target = path.join(dataDir, relative);
    await fs.mkdir(path.dirname(target), { recursive: true });
    const temp = path.join(work, 'out.mp4');
    const width = Math.min(MAX_WIDTH, size.width);
    const scale = `scale=${even(width)}:${even((size.height * width) / size.width)},format=yuv420p`;
    await run(ffmpegBinary(), [
      '-hide_banner', '-loglevel', 'error', '-y', '-framerate', String(TIMELAPSE_FPS), '-i', path.join(work, 'frame_%06d.jpg'),
      '-vf', scale, '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '26', '-threads', '1', '-movflags', '+faststart', temp,
    ], { signal: options.signal, timeout: 10 * 60_000 });
    // Rename within one filesystem is atomic; the temp folder may be on another one, so stage beside the target.
    const staged = `${target}.${process.pid}.tmp`;
    await fs.copyFile(temp, staged);
    await fs.rename(staged, target);
    await upsertQuicklook(db, { instrumentId, day, kind: 'timelapse', path: relative, dataMaxTime: images.at(-1)!.takenAt });
    return { day, frames, corrupt, path: relative };
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

const even = (n: number) => Math.max(2, Math.floor(n / 2) * 2);

/** Larger files are not camera frames (or are hostile): left out unread, counted with the corrupt ones. */
export const MAX_IMAGE_BYTES = 64 * 1024 * 1024;

/** The image's size if it decodes as a whole, else null (truncated, garbled, oversized, not a JPEG, missing). */
async function decodable(file: string): Promise<{ width: number; height: number } | null> {
  try {
    if ((await fs.stat(file)).size > MAX_IMAGE_BYTES) return null;
    const bytes = await fs.readFile(file);
    const image = jpeg.decode(bytes, { useTArray: true, maxMemoryUsageInMB: 256, maxResolutionInMP: 50 });
    return image.width > 0 && image.height > 0 ? { width: image.width, height: image.height } : null;
  } catch {
    return null;
  }
}
