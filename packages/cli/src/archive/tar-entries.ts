import { Readable } from 'node:stream';
import tar from 'tar-stream';
import type { ByteStream } from './byte-stream.js';
import { type ArchiveEntry, BrokenArchiveError, type EntryType } from './entry.js';

const TYPES: Record<string, EntryType> = {
  file: 'file',
  'contiguous-file': 'file',
  directory: 'directory',
  symlink: 'symlink',
  link: 'symlink', // a hard link: no data of its own either
  'character-device': 'device',
  'block-device': 'device',
  fifo: 'fifo',
};

/** An entry's data; the input ending inside it is a broken tar, as a bad header is. */
async function* broken(body: ByteStream): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of body) yield chunk;
  } catch (error) {
    throw new BrokenArchiveError(`tar: ${(error as Error).message}`);
  }
}

/** The entries of a tar stream (tar-stream parses headers, pax and GNU long names). */
export async function* tarEntries(source: ByteStream): AsyncGenerator<ArchiveEntry> {
  const extract = tar.extract();
  const input = Readable.from(source, { objectMode: false });
  input.on('error', (error) => extract.destroy(error));
  input.pipe(extract as unknown as NodeJS.WritableStream);
  try {
    for await (const entry of extract) {
      const type = TYPES[entry.header.type ?? 'file'] ?? 'special';
      const { name, size, linkname } = entry.header;
      yield { name, type, body: broken(entry as unknown as ByteStream), ...(size !== undefined ? { size } : {}), ...(linkname ? { linkname } : {}) };
      // Whatever the reader left of the entry is skipped when the next header is asked for.
      entry.resume();
    }
  } catch (error) {
    throw new BrokenArchiveError(`tar: ${(error as Error).message}`);
  } finally {
    input.unpipe();
    input.destroy();
    extract.destroy();
  }
}
