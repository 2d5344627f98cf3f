// Instrument kind `webcam`: JPEG images arriving in a folder. Each is catalogued (capture time, size) in the
// `media` table by the append stage; images hold no series values, so the parser yields no batches.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FileParser, InstrumentKind, ParsedBatch } from '../types';
import { ParseError } from '../types';
import { readJpegHeader } from './jpeg-header';

/** A header is at most a few hundred kB (EXIF thumbnails); larger files are read only this far. */
const HEADER_LIMIT = 1 << 20;
const ISO_TIME = /(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z)/;
const NAME_TIME = /(\d{4})(\d{2})(\d{2})[_T-]?(\d{2})(\d{2})(\d{2})?/;

export const parseJpeg: FileParser = async (filePath, options) => {
  const handle = await fs.open(filePath, 'r');
  let head: Buffer;
  let mtime: Date;
  try {
    const stat = await handle.stat();
    mtime = stat.mtime;
    head = Buffer.alloc(Math.min(stat.size, HEADER_LIMIT));
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  const header = readJpegHeader(head, options.fileName);
  const takenAt = captureTime(header.comments, path.basename(filePath)) ?? mtime;
  if (Number.isNaN(takenAt.getTime())) throw new ParseError(options.fileName, 'cannot tell when the image was taken');
  return {
    meta: { format: 'JPEG', attributes: { width: header.width, height: header.height, takenAt: takenAt.toISOString(), comment: header.comments[0] ?? null } },
    batches: (async function* (): AsyncGenerator<ParsedBatch> {})(),
  };
};

/** The capture time: an ISO time in a comment, else one in the file name (cam1_20261121_1410.jpg), UTC. */
export function captureTime(comments: string[], fileName: string): Date | null {
  for (const comment of comments) {
    const iso = ISO_TIME.exec(comment)?.[1];
    if (iso) return new Date(iso);
  }
  const m = NAME_TIME.exec(fileName);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0)));
  return date.getUTCMonth() === Number(mo) - 1 ? date : null;
}

export const webcam: InstrumentKind = {
  kind: 'webcam',
  description: 'JPEG images from a camera, catalogued with their capture time',
  defaultPattern: '**/*.{jpg,jpeg,JPG,JPEG}',
  parserFor: (_fileName, head) => (head[0] === 0xff && head[1] === 0xd8 ? parseJpeg : null),
};
