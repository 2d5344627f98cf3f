'use client';
// Links to other days of a tab (`?tab=<tab>&day=YYYY-MM-DD`), keeping every other search parameter of the
// page so that a shared URL still shows the same view. A client component because the tab's server props
// carry only the instrument and the day.
import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';

export function DayPicker({ tab, days, selected, label }: { tab: string; days: string[]; selected: string; label: string }) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const href = (day: string) => {
    // Both hooks return null outside the App Router (a plain server render): links then carry only tab and day.
    const params = new URLSearchParams(searchParams?.toString() ?? '');
    params.set('tab', tab);
    params.set('day', day);
    return `${pathname ?? ''}?${params.toString()}`;
  };
  if (days.length === 0) return null;
  return (
    <nav aria-label={label} style={{ display: 'flex', flexWrap: 'wrap', gap: '0.4rem', margin: '0.5rem 0 1rem' }}>
      {days.map((day) => (
        <Link key={day} href={href(day)} aria-current={day === selected ? 'date' : undefined} data-day={day}
          style={{ padding: '0.15rem 0.5rem', borderRadius: 4, border: '1px solid var(--line)', textDecoration: 'none',
            fontWeight: day === selected ? 700 : 400, background: day === selected ? 'var(--panel)' : undefined }}>
          {day}
        </Link>
      ))}
    </nav>
  );
}
