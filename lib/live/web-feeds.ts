// The web process's live-feed plumbing: the database reader, the LISTEN hub and the per-feed channels,
// created once per process (kept on globalThis, like the database pool) for every SSE response to share.
import 'server-only';
import { getDb } from '../../db/client';
import { getFeedHealth, latestLiveRecordId, listLiveRecordsAfter } from '../../db/queries/live';
import { getEnv } from '../env';
import { FeedChannels, type FeedReader } from './feed-channel';
import { utcMidnightMs } from './feed-metrics';
import { getNotifyHub } from './notify-hub';

export interface WebFeeds {
  reader: FeedReader;
  channels: FeedChannels;
}

const globalForFeeds = globalThis as unknown as { fieldopsWebFeeds?: WebFeeds };

export function getWebFeeds(): WebFeeds {
  if (!globalForFeeds.fieldopsWebFeeds) {
    const db = getDb();
    const url = getEnv().DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: start the portal with `fieldops start`, which provides it');
    const reader: FeedReader = {
      recordsAfter: (id, afterId, limit) => listLiveRecordsAfter(db, id, afterId, limit),
      health: (id) => getFeedHealth(db, id, utcMidnightMs(Date.now())),
      latestId: (id) => latestLiveRecordId(db, id),
    };
    globalForFeeds.fieldopsWebFeeds = { reader, channels: new FeedChannels(getNotifyHub(url), reader) };
  }
  return globalForFeeds.fieldopsWebFeeds;
}
