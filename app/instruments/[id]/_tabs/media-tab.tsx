// The webcam media tab of an instrument page: the chosen day's timelapse (streamed with Range requests from
// /media, so seeking works) and a strip of the day's images, newest day by default.
import { getDb } from '@/db/client';
import { listMediaDays, listMediaForDay } from '@/db/queries/media-days';
import { getQuicklook } from '@/db/queries/quicklooks';
import { DayPicker } from '@/app/_components/quicklooks/day-picker';
import { mediaUrl } from '@/app/_components/quicklooks/urls';

export interface MediaTabProps {
  instrumentId: string;
  /** The day in the URL (`YYYY-MM-DD`), or null for the newest day with images. */
  day: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const STRIP_LIMIT = 300;

export async function MediaTab({ instrumentId, day }: MediaTabProps) {
  const db = getDb();
  const days = await listMediaDays(db, instrumentId);
  const selected = day && DAY.test(day) ? day : (days[0] ?? new Date().toISOString().slice(0, 10));
  const [video, images] = await Promise.all([getQuicklook(db, instrumentId, selected, 'timelapse'), listMediaForDay(db, instrumentId, selected, STRIP_LIMIT)]);
  return (
    <section aria-label="Media">
      <DayPicker tab="media" days={days} selected={selected} label="Media days" />
      {video ? (
        <figure className="panel" style={{ margin: '0 0 1.25rem' }}>
          <figcaption style={{ marginBottom: '0.5rem' }}>
            <strong>Timelapse {selected}</strong>
            {video.stale ? <span className="state state-late" style={{ marginLeft: '1rem' }}>stale</span> : null}
          </figcaption>
          <video controls preload="metadata" src={`${mediaUrl(video.path)}?v=${video.generatedAt.getTime()}`} style={{ maxWidth: '100%' }} width={960} />
        </figure>
      ) : (
        <p className="muted">No timelapse for {selected} yet.</p>
      )}
      {images.length === 0 ? (
        <p className="muted">No images from {instrumentId} on {selected}.</p>
      ) : (
        <div role="list" aria-label="Images of the day" style={{ display: 'flex', gap: '0.4rem', overflowX: 'auto', paddingBottom: '0.5rem' }}>
          {images.map((image) => (
            <a key={image.id} role="listitem" href={mediaUrl(image.path)} style={{ flex: '0 0 auto', textAlign: 'center', fontSize: '0.75rem' }}>
              {/* eslint-disable-next-line @next/next/no-img-element -- camera images served by /media, scaled by CSS */}
              <img src={mediaUrl(image.path)} alt={`${instrumentId} ${image.takenAt.toISOString()}`} loading="lazy" style={{ height: 90, width: 'auto', display: 'block' }} />
              {image.takenAt.toISOString().slice(11, 16)}
            </a>
          ))}
        </div>
      )}
    </section>
  );
}
