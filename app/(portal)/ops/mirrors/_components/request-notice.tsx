// What the last button press did (from the redirect's query), or why it was refused.
export function RequestNotice({ params }: { params: Record<string, string | string[] | undefined> }) {
  const text = (key: string) => (typeof params[key] === 'string' ? params[key] : undefined);
  const error = text('error');
  if (error) return <p className="error" role="alert">{error}</p>;
  const kind = text('requested');
  const mirror = text('mirror');
  if (!kind || !mirror || !/^[a-z0-9_-]+$/.test(mirror)) return null;
  const what = kind === 'sync' ? 'A sync' : 'A verification';
  return (
    <p className="notice" role="status">
      {text('already') ? `${what} of ${mirror} was already waiting for a worker.` : `${what} of ${mirror} is queued; a worker picks it up shortly.`}
    </p>
  );
}
