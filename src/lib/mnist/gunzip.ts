/** Gzip in the browser (DecompressionStream), into a buffer of the size the manifest gives. */

/** The gzip magic bytes and the deflate method: what a stored or downloaded asset starts with. */
export function isGzip(b: Uint8Array): boolean {
  return b.length >= 3 && b[0] === 0x1f && b[1] === 0x8b && b[2] === 0x08;
}

/**
 * Decompresses gzip bytes straight into one buffer of the manifest's raw `size`: no list of chunks
 * copied into a second 47 MB buffer at the end. `length` is how many bytes the data really held
 * (more than `size` are counted, not kept), so the caller's size check can say so.
 */
export async function gunzip(bytes: Uint8Array, size: number): Promise<{ data: Uint8Array; length: number }> {
  const input = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(bytes);
      c.close();
    },
  });
  const reader = input.pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>).getReader();
  const out = new Uint8Array(size);
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { data: length < size ? out.subarray(0, length) : out, length };
    if (length < size) out.set(value.subarray(0, size - length), length);
    length += value.length;
  }
}
