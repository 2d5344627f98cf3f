// Reads of the webcam media catalogue for the timelapse job, the media tab and the media route.
import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { type Media, media } from '../schema';

function dayWindow(day: string): { from: Date; to: Date } {
  const from = new Date(`${day}T00:00:00Z`);
  return { from, to: new Date(from.getTime() + 86_400_000) };
}

/** The day's images in capture order (UTC day). */
export async function listMediaForDay(db: Database, instrumentId: string, day: string, limit = 2000): Promise<Media[]> {
  const { from, to } = dayWindow(day);
  return db.select().from(media)
    .where(and(eq(media.instrumentId, instrumentId), gte(media.takenAt, from), lt(media.takenAt, to)))
    .orderBy(asc(media.takenAt), asc(media.id)).limit(limit);
}

/** UTC days with images, newest first. */
export async function listMediaDays(db: Database, instrumentId: string, limit = 60): Promise<string[]> {
  const day = sql<string>`to_char(${media.takenAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;
  const rows = await db.selectDistinct({ day }).from(media).where(eq(media.instrumentId, instrumentId)).orderBy(desc(day)).limit(limit);
  return rows.map((r) => r.day);
}

export async function isCataloguedMedia(db: Database, relativePath: string): Promise<boolean> {
  const [row] = await db.select({ id: media.id }).from(media).where(eq(media.path, relativePath)).limit(1);
  return row !== undefined;
}
