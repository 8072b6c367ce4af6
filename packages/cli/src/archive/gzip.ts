import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { ByteStream } from './byte-stream.js';
import { BrokenArchiveError } from './entry.js';

/** Decompresses a gzip stream (every member of it), as it is read. */
export async function* gunzip(source: ByteStream): AsyncGenerator<Uint8Array> {
  const input = Readable.from(source, { objectMode: false });
  // 64 KiB out at a time: a chunk of a bomb cannot blow memory up before the ratio is checked.
  const inflater = createGunzip({ chunkSize: 64 * 1024 });
  input.on('error', (error) => inflater.destroy(error));
  input.pipe(inflater);
  try {
    for await (const chunk of inflater) yield chunk as Buffer;
  } catch (error) {
    throw new BrokenArchiveError(`gzip: ${(error as Error).message}`);
  } finally {
    input.unpipe();
    input.destroy();
    inflater.destroy();
  }
}
