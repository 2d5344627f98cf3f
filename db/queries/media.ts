import { sql } from 'drizzle-orm';
import { media } from '../schema';
import type { Queryable } from '../client';

export async function recordMedia(
  tx: Queryable,
  item: { instrumentId: string; path: string; takenAt: Date; size: number; width: number | null; height: number | null },
): Promise<void> {
  await tx.insert(media).values(item).onConflictDoUpdate({
    target: [media.instrumentId, media.path],
    set: { takenAt: item.takenAt, size: item.size, width: item.width, height: item.height, createdAt: sql`${media.createdAt}` },
  });
}
