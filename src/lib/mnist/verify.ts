/**
 * A file's raw bytes against its manifest entry: first the size, then the SHA-256. Each check says
 * what is wrong (the end of a "… is damaged: " message) or null when it holds.
 */
import type { MnistManifestFile } from './manifest';
import { sha256Hex } from './sha256';

export function sizeMismatch(length: number, entry: MnistManifestFile): string | null {
  return length === entry.rawBytes ? null : `it holds ${length} bytes, the manifest says ${entry.rawBytes}.`;
}

export async function hashMismatch(bytes: Uint8Array, entry: MnistManifestFile): Promise<string | null> {
  const hash = await sha256Hex(bytes);
  return hash === entry.sha256 ? null : `its SHA-256 is ${hash.slice(0, 12)}…, the manifest says ${entry.sha256.slice(0, 12)}….`;
}
