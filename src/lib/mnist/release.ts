/**
 * Frees a large byte buffer now instead of whenever the garbage collector gets to it: the raw
 * 47 MB of training images, once packed, otherwise stay in memory beside the packed copy for a
 * while (the workshop's peak). `ArrayBuffer.prototype.transfer(0)` detaches the buffer, so every
 * view of it becomes empty; only the owner of a buffer that nothing else reads may call this.
 * Engines without `transfer` leave it to the collector.
 */
export function release(bytes: Uint8Array): void {
  const buffer = bytes.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };
  if (typeof buffer.transfer === 'function' && !buffer.detached) buffer.transfer(0);
}
