import { sql } from 'drizzle-orm';
import { media } from '../schema';
import type { DbOrTx } from './series-catalog';

export async function recordMedia(
  tx: DbOrTx,
  item: { instrumentId: string; path: string; takenAt: Date; size: number; width: number | null; height: number | null },
): Promise<void> {
  await tx.insert(media).values(item).onConflictDoUpdate({
    target: [media.instrumentId, media.path],
    set: { takenAt: item.takenAt, size: item.size, width: item.width, height: item.height, createdAt: sql`${media.createdAt}` },
  });
}
