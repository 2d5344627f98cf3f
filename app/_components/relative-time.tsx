/** "3 min ago"-style text for a past time, computed on the server at render time. */
export function RelativeTime({ date, now }: { date: Date | null; now: Date }) {
  if (!date) return <span className="muted">never</span>;
  const seconds = Math.max(0, Math.round((now.getTime() - date.getTime()) / 1000));
  const text =
    seconds < 90 ? `${seconds} s ago` : seconds < 5400 ? `${Math.round(seconds / 60)} min ago`
      : seconds < 172_800 ? `${Math.round(seconds / 3600)} h ago` : `${Math.round(seconds / 86_400)} d ago`;
  return <time dateTime={date.toISOString()} title={date.toISOString()}>{text}</time>;
}
