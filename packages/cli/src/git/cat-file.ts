import { spawn } from 'node:child_process';
import { UsageError } from '../exit-codes.js';
import { spawnFailure } from './exec.js';

/** Pulls bytes from a stream on demand: lines, then exact byte counts, with no copying of big blobs. */
class ByteReader {
  private buf: Buffer = Buffer.alloc(0);
  private done = false;
  constructor(private readonly it: AsyncIterator<Buffer>) {}

  private async fill(): Promise<boolean> {
    if (this.done) return false;
    const r = await this.it.next();
    if (r.done) {
      this.done = true;
      return false;
    }
    this.buf = this.buf.length === 0 ? r.value : Buffer.concat([this.buf, r.value]);
    return true;
  }

  /** Reads to the end of the stream (so the process can close). */
  async end(): Promise<void> {
    while (await this.fill()) this.buf = Buffer.alloc(0);
  }

  async line(): Promise<string | undefined> {
    for (;;) {
      const nl = this.buf.indexOf(10);
      if (nl !== -1) {
        const text = this.buf.subarray(0, nl).toString('utf8');
        this.buf = this.buf.subarray(nl + 1);
        return text;
      }
      if (!(await this.fill())) return undefined;
    }
  }

  /** Yields the next `state.left` bytes in the chunks they arrive in; `state.left` tracks what is unread. */
  async *bytes(state: { left: number }): AsyncGenerator<Buffer> {
    while (state.left > 0) {
      if (this.buf.length === 0 && !(await this.fill())) throw new Error('git cat-file ended early');
      const take = Math.min(state.left, this.buf.length);
      const chunk = this.buf.subarray(0, take);
      this.buf = this.buf.subarray(take);
      state.left -= take;
      yield chunk;
    }
  }
}

export interface Blob {
  oid: string;
  size: number;
  /** The content, streamed; the handler may stop early, the rest is drained. */
  chunks: AsyncIterable<Buffer>;
}

/**
 * Streams the given objects through ONE `git cat-file --batch` process, in order.
 * Every request is written up front (stdin is always closed), so git never waits for us.
 * Missing objects and non-blobs are passed to `onMissing`.
 */
export async function readBlobs(
  cwd: string,
  oids: readonly string[],
  onBlob: (blob: Blob, index: number) => Promise<void>,
  onMissing?: (oid: string, index: number) => void,
): Promise<void> {
  if (oids.length === 0) return;
  let child;
  try {
    child = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (err) {
    throw spawnFailure(err as NodeJS.ErrnoException, cwd);
  }
  let spawnError: UsageError | undefined;
  const errs: Buffer[] = [];
  child.stderr.on('data', (c: Buffer) => errs.push(c));
  child.stdin.on('error', () => {});
  const exited = new Promise<number>((resolve) => {
    child.on('error', (err) => {
      spawnError = spawnFailure(err, cwd);
      resolve(-1);
    });
    child.on('close', (code) => resolve(code ?? 1));
  });
  // Write every request, then close stdin: git exits once it has answered them all.
  child.stdin.end(`${oids.join('\n')}\n`);

  const reader = new ByteReader(child.stdout[Symbol.asyncIterator]() as AsyncIterator<Buffer>);
  let finished = false;
  try {
    for (let i = 0; i < oids.length; i++) {
      const header = await reader.line();
      if (header === undefined) break;
      const parts = header.split(' ');
      if (parts.length !== 3 || parts[1] === 'missing' || parts[1] === 'ambiguous') {
        onMissing?.(oids[i]!, i);
        continue;
      }
      const size = Number(parts[2]);
      const state = { left: size };
      if (parts[1] === 'blob') {
        const chunks: AsyncIterable<Buffer> = { [Symbol.asyncIterator]: () => reader.bytes(state) };
        await onBlob({ oid: parts[0]!, size, chunks }, i);
      } else {
        onMissing?.(oids[i]!, i);
      }
      // Drain whatever the handler left unread (binary sniffing stops early), then the LF.
      for await (const _ of reader.bytes(state)) void _;
      await reader.line();
    }
    await reader.end();
    finished = true;
  } finally {
    if (!finished) {
      child.stdout.destroy();
      if (child.exitCode === null) child.kill();
    }
  }
  const code = await exited;
  if (spawnError) throw spawnError;
  if (finished && code !== 0) {
    const detail = Buffer.concat(errs).toString('utf8').split('\n')[0];
    throw new UsageError(`git cat-file failed: ${detail}`);
  }
}
