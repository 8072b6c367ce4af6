import { Unzip, UnzipInflate, UnzipPassThrough, type UnzipDecoder, type UnzipDecoderConstructor, type AsyncFlateStreamHandler } from 'fflate';
import type { ByteStream } from './byte-stream.js';
import { type ArchiveEntry, BrokenArchiveError } from './entry.js';

/**
 * Compressed bytes handed to the zip parser at a time: it inflates synchronously, and deflate
 * inflates at most ~1032x, so one slice yields at most ~16 MiB before the limits are checked.
 */
const SLICE_BYTES = 16 * 1024;

/** Methods seen in the wild that fflate cannot decode: their data is skipped, the entry listed. */
const UNSUPPORTED_METHODS = [1, 6, 9, 12, 14, 19, 93, 95, 96, 97, 98, 99];

function discarding(method: number): UnzipDecoderConstructor {
  return class Discard implements UnzipDecoder {
    static compression = method;
    ondata!: AsyncFlateStreamHandler;
    push(_chunk: Uint8Array, final: boolean): void {
      if (final) this.ondata(null, new Uint8Array(0), true);
    }
  };
}

/** The end of central directory record: 22 bytes and a comment of up to 64 KiB, at the very end. */
const END_RECORD_SIGNATURE = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const END_RECORD_SEARCH_BYTES = 22 + 0xffff;

/** The last bytes of a stream. */
class TailKeeper {
  private bytes = Buffer.alloc(0);
  constructor(private readonly size: number) {}
  add(chunk: Uint8Array): void {
    const joined = Buffer.concat([this.bytes, chunk]);
    this.bytes = Buffer.from(joined.subarray(Math.max(0, joined.length - this.size)));
  }
  has(needle: Uint8Array): boolean {
    return this.bytes.includes(Buffer.from(needle.buffer, needle.byteOffset, needle.byteLength));
  }
}

type ZipEvent =
  | { kind: 'start'; name: string; unsupported: boolean }
  | { kind: 'data'; data: Uint8Array }
  | { kind: 'end' }
  | { kind: 'error'; message: string };

/**
 * The entries of a zip stream, read front to back by their local headers (no central
 * directory: the input may be a stream inside another archive). Entries written with a data
 * descriptor are found by its signature, as fflate does.
 */
export async function* zipEntries(source: ByteStream): AsyncGenerator<ArchiveEntry> {
  const events: ZipEvent[] = [];
  const unzip = new Unzip((file) => {
    const unsupported = UNSUPPORTED_METHODS.includes(file.compression);
    events.push({ kind: 'start', name: file.name, unsupported });
    file.ondata = (error, data, final) => {
      if (error !== null) return void events.push({ kind: 'error', message: error.message });
      if (data.length > 0 && !unsupported) events.push({ kind: 'data', data });
      if (final) events.push({ kind: 'end' });
    };
    try {
      file.start();
    } catch (error) {
      events.push({ kind: 'error', message: (error as Error).message });
    }
  });
  unzip.register(UnzipPassThrough);
  unzip.register(UnzipInflate);
  for (const method of UNSUPPORTED_METHODS) unzip.register(discarding(method));

  const input = source[Symbol.asyncIterator]();
  let inputDone = false;
  let pending: Uint8Array | undefined;
  const tail = new TailKeeper(END_RECORD_SEARCH_BYTES);
  /** The next parser event, feeding it input as needed; undefined at the end. */
  const next = async (): Promise<ZipEvent | undefined> => {
    while (events.length === 0) {
      if (inputDone) return undefined;
      if (pending === undefined || pending.length === 0) {
        const chunk = await input.next();
        if (chunk.done === true) {
          inputDone = true;
          push(new Uint8Array(0), true);
          continue;
        }
        pending = chunk.value;
        tail.add(chunk.value);
      }
      const slice = pending.subarray(0, SLICE_BYTES);
      pending = pending.subarray(slice.length);
      push(slice, false);
    }
    return events.shift();
  };
  const push = (chunk: Uint8Array, final: boolean): void => {
    try {
      unzip.push(chunk, final);
    } catch (error) {
      events.push({ kind: 'error', message: (error as Error).message });
    }
  };

  try {
    for (;;) {
      const event = await next();
      if (event === undefined) {
        // A zip cut short between entries parses fine: its end record tells it is whole.
        if (!tail.has(END_RECORD_SIGNATURE)) throw new BrokenArchiveError('zip: no end of central directory record (truncated?)');
        return;
      }
      if (event.kind === 'error') throw new BrokenArchiveError(`zip: ${event.message}`);
      if (event.kind !== 'start') continue; // data of an entry nobody read
      let ended = false;
      const body = async function* (): AsyncGenerator<Uint8Array> {
        for (;;) {
          const e = await next();
          if (e === undefined) throw new BrokenArchiveError('zip: unexpected end of data');
          if (e.kind === 'error') throw new BrokenArchiveError(`zip: ${e.message}`);
          if (e.kind === 'end') {
            ended = true;
            return;
          }
          if (e.kind === 'data') yield e.data;
          else throw new BrokenArchiveError('zip: unexpected entry'); // a start before this one ended
        }
      };
      const isFolder = event.name.endsWith('/');
      const entry: ArchiveEntry = { name: event.name, type: isFolder ? 'directory' : 'file', body: body() };
      if (event.unsupported) entry.unreadable = 'unsupported compression';
      yield entry;
      // Skip what was not read of this entry; an entry cut short by the input is a broken zip.
      if (!ended) for await (const chunk of body()) void chunk;
    }
  } finally {
    await input.return?.();
  }
}
