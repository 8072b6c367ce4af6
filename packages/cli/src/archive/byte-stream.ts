/** Small helpers over streams of byte chunks. */
export type ByteStream = AsyncIterable<Uint8Array>;

/**
 * The first `bytes` bytes of a stream (fewer if it is shorter), and the whole stream again,
 * those bytes included. The head is read before `stream` is iterated; iterate it once.
 */
export async function peek(source: ByteStream, bytes: number): Promise<{ head: Uint8Array; stream: ByteStream }> {
  const iterator = source[Symbol.asyncIterator]();
  const taken: Uint8Array[] = [];
  let length = 0;
  let done = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done === true) {
      done = true;
      break;
    }
    taken.push(next.value);
    length += next.value.length;
  }
  const head = taken.length === 1 ? taken[0]! : Buffer.concat(taken);
  async function* replay(): AsyncGenerator<Uint8Array> {
    try {
      for (const chunk of taken) yield chunk;
      taken.length = 0;
      if (done) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done === true) return;
        yield next.value;
      }
    } finally {
      // Stopped early: let the source release what it holds (a file handle, a parser).
      if (!done) await iterator.return?.();
    }
  }
  return { head: head.subarray(0, Math.min(head.length, bytes)), stream: replay() };
}

/** Passes chunks through, counting them. */
export async function* counted(source: ByteStream, onBytes: (n: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    onBytes(chunk.length);
    yield chunk;
  }
}

/** Reads a stream to its end, discarding it (an entry nobody read, so the reader can go on). */
export async function drain(source: ByteStream): Promise<void> {
  for await (const chunk of source) void chunk;
}
