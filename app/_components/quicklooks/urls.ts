// Browser URLs of stored products. Rows keep paths relative to the data dir (`products/...`, `raw/...`): the
// product route serves <data>/products, the media route serves catalogued media under <data>.

/** `/products/quicklooks/...png?v=<generated>`: the version parameter changes when the image is re-rendered. */
export function productUrl(relativePath: string, generatedAt: Date): string {
  return `/${relativePath.split('/').map(encodeURIComponent).join('/')}?v=${generatedAt.getTime()}`;
}

export function mediaUrl(relativePath: string): string {
  return `/media/${relativePath.split('/').map(encodeURIComponent).join('/')}`;
}
