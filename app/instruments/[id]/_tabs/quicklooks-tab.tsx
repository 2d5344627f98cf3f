// The quicklooks tab of an instrument page: the chosen day's images (newest day by default), each with when
// it was drawn and a badge while newer data waits for a re-render, the rolling last-24-h images on the
// current day, and links to other days. The page has already checked the viewer's session.
import { getDb } from '@/db/client';
import { listQuicklookDays, listQuicklooksForDay } from '@/db/queries/quicklooks';
import { ROLLING_SUFFIX } from '@/lib/quicklooks/product-paths';
import { RelativeTime } from '@/app/_components/relative-time';
import { DayPicker } from '@/app/_components/quicklooks/day-picker';
import { productUrl } from '@/app/_components/quicklooks/urls';

export interface QuicklooksTabProps {
  instrumentId: string;
  /** The day in the URL (`YYYY-MM-DD`), or null for the newest day with images. */
  day: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export async function QuicklooksTab({ instrumentId, day }: QuicklooksTabProps) {
  const db = getDb();
  const now = new Date();
  const days = await listQuicklookDays(db, instrumentId);
  const selected = day && DAY.test(day) ? day : (days[0] ?? now.toISOString().slice(0, 10));
  const images = await listQuicklooksForDay(db, instrumentId, selected);
  return (
    <section aria-label="Quicklooks">
      <DayPicker tab="quicklooks" days={days} selected={selected} label="Quicklook days" />
      {images.length === 0 ? (
        <p className="muted">No quicklooks for {instrumentId} on {selected} yet: they are drawn on the instrument&apos;s quicklooks schedule once data has arrived.</p>
      ) : (
        images.map((image) => {
          const rolling = image.kind.endsWith(ROLLING_SUFFIX);
          const name = rolling ? `${image.kind.slice(0, -ROLLING_SUFFIX.length)}, last 24 hours` : image.kind;
          return (
            <figure key={image.id} className="panel" style={{ margin: '0 0 1.25rem' }} data-quicklook={image.kind}>
              <figcaption style={{ display: 'flex', gap: '1rem', alignItems: 'baseline', marginBottom: '0.5rem' }}>
                <strong>{name}</strong>
                <span className="muted">drawn <RelativeTime date={image.generatedAt} now={now} /></span>
                {image.stale ? <span className="state state-late" title="Newer data has arrived; the image is re-rendered on the next run">stale</span> : null}
              </figcaption>
              {/* eslint-disable-next-line @next/next/no-img-element -- a stored PNG served by /products, not an optimisable asset */}
              <img src={productUrl(image.path, image.generatedAt)} alt={`${instrumentId} ${name} quicklook for ${selected}`}
                style={{ maxWidth: '100%', height: 'auto' }} width={1200} loading="lazy" />
            </figure>
          );
        })
      )}
    </section>
  );
}
