// The quicklooks tab of an instrument page (owned by the quicklooks work; replaced there).
export interface QuicklooksTabProps {
  instrumentId: string;
  /** The day in the URL (`YYYY-MM-DD`), or null for the newest day with images. */
  day: string | null;
}

export async function QuicklooksTab({ instrumentId }: QuicklooksTabProps) {
  return <p>Quicklooks for {instrumentId} are not rendered yet.</p>;
}
