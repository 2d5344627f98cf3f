// Browser URLs of stored products. Rows keep paths relative to the data dir (`products/...`, `raw/...`): the
// product route serves <data>/products, the media route serves catalogued media under <data>.
import { quicklookUrl } from '@/lib/overview/display';

/**
 * `/products/quicklooks/...png?v=<generated>`: the version changes when the image is re-rendered, so the
 * product route lets the browser keep a versioned URL for good (app/products/[...path]/route.ts).
 */
export function productUrl(relativePath: string, generatedAt: Date): string {
  return `${quicklookUrl(relativePath)}?v=${generatedAt.getTime()}`;
}

export function mediaUrl(relativePath: string): string {
  return `/media/${relativePath.split('/').map(encodeURIComponent).join('/')}`;
}
