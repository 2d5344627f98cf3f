// The webcam media tab of an instrument page (owned by the webcam media work; replaced there).
export interface MediaTabProps {
  instrumentId: string;
  /** The day in the URL (`YYYY-MM-DD`), or null for the newest day with images. */
  day: string | null;
}

export async function MediaTab({ instrumentId }: MediaTabProps) {
  return <p>No media for {instrumentId} yet.</p>;
}
