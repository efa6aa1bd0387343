/** Gzip into a buffer of the size the manifest gives (fflate). */
import { gunzipSync } from 'fflate';

/** The gzip magic bytes and the deflate method: what a stored or downloaded asset starts with. */
export function isGzip(b: Uint8Array): boolean {
  return b.length >= 3 && b[0] === 0x1f && b[1] === 0x8b && b[2] === 0x08;
}

/**
 * Decompresses gzip bytes straight into one buffer of the manifest's raw `size`, and nothing else:
 * DecompressionStream handed over the 55 MB in small chunks, garbage that V8 kept until long after
 * (the page's peak memory during training). `length` is how many bytes the data really holds (more
 * than `size` are counted from the gzip footer, not kept), so the caller's size check can say so.
 * Throws on data that is not valid gzip or is cut short.
 */
export function gunzip(bytes: Uint8Array, size: number): { data: Uint8Array; length: number } {
  const data = gunzipSync(bytes, { out: new Uint8Array(size) });
  const n = bytes.length;
  const footer = n >= 4 ? (bytes[n - 4] | (bytes[n - 3] << 8) | (bytes[n - 2] << 16) | (bytes[n - 1] << 24)) >>> 0 : 0;
  return { data, length: data.length < size ? data.length : Math.max(size, footer) };
}
