/**
 * The network side of a load: a request whose failures say what went wrong, and a file's download
 * with byte progress, decoded (gzip, or already decoded by the server) and verified.
 */
import { MnistLoadError, checkAborted } from './errors';
import { gunzip, isGzip } from './gunzip';
import type { MnistProgress } from './load-options';
import type { MnistFileName, MnistManifestFile } from './manifest';
import { hashMismatch, sizeMismatch } from './verify';

/** One load's state: where from, its cache, and the byte counts that its progress reports. */
export interface LoadContext {
  base: string;
  fetch: typeof fetch;
  signal?: AbortSignal;
  cache: Cache | null;
  loaded: number;
  total: number;
  transferred: number;
  emit: (stage: MnistProgress['stage'], file?: MnistFileName, extra?: number) => void;
}

/** Fetches `url` (`what` names it in messages); a network failure or an HTTP error is an MnistLoadError. */
export async function fetchOk(ctx: LoadContext, url: string, what: string): Promise<Response> {
  checkAborted(ctx.signal);
  let res: Response;
  try {
    res = await ctx.fetch(url, { signal: ctx.signal });
  } catch (e) {
    checkAborted(ctx.signal);
    throw new MnistLoadError(`Could not download ${what}: the network request failed (are you offline?).`, 'network', { cause: e });
  }
  if (!res.ok) throw new MnistLoadError(`Could not download ${what}: the server answered HTTP ${res.status}.`, 'http');
  return res;
}

/** The verified raw bytes, and what to keep in the cache: the gzip bytes as they came, when they did. */
export async function download(ctx: LoadContext, name: MnistFileName, entry: MnistManifestFile): Promise<{ raw: Uint8Array; stored: Uint8Array }> {
  const label = `${name} (${entry.file})`;
  const res = await fetchOk(ctx, new URL(entry.file, ctx.base).href, label);
  // One buffer of the gzip size the manifest gives, grown to the raw size if more arrives (a server
  // that decoded the gzip): no chunks left for the garbage collector.
  let body: Uint8Array = new Uint8Array(entry.compressedBytes);
  let received = 0;
  try {
    if (!res.body) throw new Error('the response has no body');
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (received + value.length > body.length) body = grown(body, Math.max(received + value.length, entry.rawBytes));
      body.set(value, received);
      received += value.length;
      ctx.transferred += value.length;
      ctx.emit('download', name, Math.min(received, entry.compressedBytes));
    }
  } catch (e) {
    checkAborted(ctx.signal);
    throw new MnistLoadError(
      `The download of ${label} broke off after ${received} of ${entry.compressedBytes} bytes.`,
      'truncated',
      { cause: e },
    );
  }
  body = body.subarray(0, received);
  const short = received < entry.compressedBytes && received !== entry.rawBytes;
  let raw: Uint8Array;
  let rawLength: number;
  if (isGzip(body)) {
    try {
      ({ data: raw, length: rawLength } = gunzip(body, entry.rawBytes));
    } catch (e) {
      throw short
        ? new MnistLoadError(`The download of ${label} was cut short: ${received} of ${entry.compressedBytes} bytes arrived.`, 'truncated', { cause: e })
        : new MnistLoadError(`${label} is damaged: its gzip data does not decompress.`, 'corrupt', { cause: e });
    }
  } else if (body.length === entry.rawBytes) {
    raw = body; // a server or proxy already decoded the gzip (Content-Encoding)
    rawLength = body.length;
  } else if (short) {
    throw new MnistLoadError(`The download of ${label} was cut short: ${received} of ${entry.compressedBytes} bytes arrived.`, 'truncated');
  } else {
    throw new MnistLoadError(`${label} is damaged: it is neither gzip data nor the expected ${entry.rawBytes}-byte file.`, 'corrupt');
  }
  const wrongSize = sizeMismatch(rawLength, entry);
  if (wrongSize) throw new MnistLoadError(`${label} is damaged: ${wrongSize}`, 'corrupt');
  checkAborted(ctx.signal);
  const wrongHash = await hashMismatch(raw, entry);
  if (wrongHash) throw new MnistLoadError(`${label} is damaged: ${wrongHash}`, 'corrupt');
  return { raw, stored: body };
}

function grown(b: Uint8Array, atLeast: number): Uint8Array {
  const out = new Uint8Array(Math.max(atLeast, b.length * 2));
  out.set(b);
  return out;
}
